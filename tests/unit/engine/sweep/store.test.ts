// The sweep tables: a sweep is found again by its key, a task's first result stays (a second is a no-op),
// a failure never replaces a result, and trades come back in their order.
import { describe, it, expect } from 'vitest';
import { openDb, closeDb } from '../../../../src-main/store/db.ts';
import { doneTaskByHash, openSweep, saveTaskDone, saveTaskFailed, sweepTasks, sweepTaskTrades } from '../../../../src-main/store/sweeps.ts';
import type { ReportTrade } from '../../../../src-shared/report.ts';

const trade = (i: number): ReportTrade => ({
  decision_id: i, pattern: 'TYPE_1', direction: 1, path: 'model', p: 0.5, size: 1, entry_t: 1000 * i, entry_price: 100, exit_t: 1000 * i + 500,
  exit_price: 101, exit_kind: 'target', pnl: 1, risk_money: 2, r: 0.5, bars: 3,
});

describe('sweep store', () => {
  it('keys results by task hash: resume finds the sweep, a second result is a no-op', () => {
    const db = openDb(':memory:');
    try {
      const s = { key: 'k', name: 'n', spec_json: '{}', created_at: 1 };
      const none = { fold: null, window_from: null, window_to: null, input_json: null };
      const tasks = [{ task_hash: 'h0', idx: 0, data_file: 'a', params_json: '{}', ...none }, { task_hash: 'h1', idx: 1, data_file: 'a', params_json: '{}', ...none }];
      const sw = openSweep(db, s, tasks);
      expect(openSweep(db, s, tasks).id).toBe(sw.id);
      const [t0, t1] = sweepTasks(db, sw.id);
      expect([t0!.status, t1!.status]).toEqual(['queued', 'queued']);
      expect(saveTaskDone(db, t0!.id, '{"trades":2}', [trade(1), trade(2)], 5)).toBe(true);
      expect(saveTaskDone(db, t0!.id, '{"trades":9}', [trade(3)], 6)).toBe(false);
      expect(saveTaskFailed(db, t0!.id, 'boom', 7)).toBe(false);
      expect(sweepTasks(db, sw.id)[0]).toMatchObject({ status: 'done', metrics_json: '{"trades":2}', finished_at: 5, error: null });
      expect(sweepTaskTrades(db, t0!.id)).toEqual([trade(1), trade(2)]);
      expect(saveTaskFailed(db, t1!.id, 'boom', 7)).toBe(true);
      expect(sweepTasks(db, sw.id)[1]).toMatchObject({ status: 'failed', error: 'boom' });
      // a failed task can still get its result (a retry)
      expect(saveTaskDone(db, t1!.id, '{"trades":0}', [], 8)).toBe(true);
      expect(doneTaskByHash(db, 'h1')?.id).toBe(t1!.id);
      expect(doneTaskByHash(db, 'nope')).toBeNull();
      // a result is looked up by hash across sweeps through the index, not by a scan
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM sweep_tasks WHERE task_hash = ? AND status = 'done' ORDER BY id LIMIT 1`)
        .all('h1') as { detail: string }[]).map((r) => r.detail).join(' ');
      expect(plan).toMatch(/USING INDEX sweep_tasks_hash/);
    } finally {
      closeDb(db);
    }
  });
});
