// `sweep` with walk-forward folds and `--parquet` (issue 15), on 9,000 1-minute rows of the BTC perpetual:
// - a fold's task trades its window only, warmed on the rows before it: each of its trades is the very
//   trade (times, prices, R) of the whole-file run of the same config that falls inside that window;
// - the walk-forward's out-of-sample trades are the chosen set's trades of the fold tested;
// - a stored instrument (read from another database, which is not written) gives the file's very results;
// - the Parquet files, read back with hyparquet (an independent reader), hold the stored tasks and trades.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { parquetReadObjects } from 'hyparquet';
import { dataFile } from '../../helpers/data.ts';
import { openDb, closeDb } from '../../../src-main/store/db.ts';
import { sweepTasks, sweepTaskTrades, type SweepTaskRow } from '../../../src-main/store/sweeps.ts';
import { sweepDetail } from '../../../src-main/engine/sweep/detail.ts';
import type { ReportTrade } from '../../../src-shared/report.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });

let dir: string;
type Task = SweepTaskRow & { trades: ReportTrade[] };
const tasksOf = (db: string, sweep: number): Task[] => {
  const h = openDb(db);
  try {
    return sweepTasks(h, sweep).map((r) => ({ ...r, trades: sweepTaskTrades(h, r.id) }));
  } finally {
    closeDb(h);
  }
};
const read = async (file: string) => { const b = readFileSync(file); return parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.length) }); };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-sweep-folds-'));
  const lines = readFileSync(dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), 'utf8').split('\n');
  writeFileSync(join(dir, 'btc-perp-a.csv'), [lines[0], ...lines.slice(1, 9001)].join('\n') + '\n');
  writeFileSync(join(dir, 'config.yaml'), 'risk:\n  fx_rates: {USDT: 1}\n');
  const common = ['timeframe: 5m', 'profile: active', 'instrument: BTC-PERP', 'config: config.yaml', 'data: [btc-perp-a.csv]', 'grid:\n  risk.target_rr: [1.5, 2.5]'];
  writeFileSync(join(dir, 'folds.yaml'), ['name: folds', ...common, 'folds: {count: 3}', ''].join('\n'));
  writeFileSync(join(dir, 'whole.yaml'), ['name: whole', ...common, ''].join('\n'));
  writeFileSync(join(dir, 'stored.yaml'), ['name: stored', 'timeframe: 5m', 'profile: active', 'config: config.yaml',
    'stored: {db: app.db, symbols: [BTC-PERP]}', 'grid:\n  risk.target_rr: [1.5, 2.5]', ''].join('\n'));
  const imp = cli('import', join(dir, 'btc-perp-a.csv'), '--db', join(dir, 'app.db'), '--instrument', 'BTC-PERP', '--config', join(dir, 'config.yaml'));
  if (imp.status !== 0) throw new Error(imp.stderr);
  for (const f of ['folds', 'whole']) {
    const r = cli('sweep', join(dir, `${f}.yaml`), '--db', join(dir, 's.db'), '--workers', '2', ...(f === 'folds' ? ['--parquet', join(dir, 'pq')] : []));
    if (r.status !== 0) throw new Error(r.stderr);
  }
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli sweep: walk-forward folds and Parquet', () => {
  it('each fold trades its window only, and its trades are the whole run\'s trades in that window', () => {
    const folds = tasksOf(join(dir, 's.db'), 1), whole = tasksOf(join(dir, 's.db'), 2);
    expect(folds.map((t) => t.fold)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(whole.map((t) => t.fold)).toEqual([null, null]);
    let compared = 0;
    for (const w of whole) {
      const mine = folds.filter((f) => f.params_json === w.params_json);
      // consecutive windows covering the file
      for (let k = 1; k < 3; k++) expect(mine[k]!.window_from).toBe(mine[k - 1]!.window_to);
      for (const f of mine) {
        for (const t of f.trades) expect(t.entry_t >= f.window_from! && t.entry_t < f.window_to!).toBe(true);
        const inside = w.trades.filter((t) => t.entry_t >= f.window_from! && t.exit_t < f.window_to!);
        // each fold is an account of its own (it starts at the starting equity), so sizes and money differ; R does not
        const strip = (t: ReportTrade) => ({ entry_t: t.entry_t, exit_t: t.exit_t, direction: t.direction, r: t.r.toFixed(9), exit_kind: t.exit_kind, entry_price: t.entry_price });
        // a trade of the whole run that crosses a fold boundary is the only kind a fold may lack
        const crossing = w.trades.some((t) => t.entry_t < f.window_to! && t.exit_t >= f.window_to! && t.entry_t >= f.window_from!);
        if (!crossing) expect(f.trades.map(strip)).toEqual(inside.map(strip));
        else expect(f.trades.map(strip)).toEqual(expect.arrayContaining(inside.map(strip)));
        compared += inside.length;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('the walk-forward tests the set chosen on earlier folds on the next fold', () => {
    const h = openDb(join(dir, 's.db'));
    const d = sweepDetail(h, 1)!;
    closeDb(h);
    const folds = tasksOf(join(dir, 's.db'), 1);
    expect(d.walk_forward!.steps.map((s) => s.fold)).toEqual([1, 2]);
    let oos = 0;
    for (const s of d.walk_forward!.steps) {
      if (s.chosen === null) continue;
      const t = folds.find((f) => f.fold === s.fold && JSON.stringify(JSON.parse(f.params_json)) === JSON.stringify(JSON.parse(s.chosen!)))!;
      expect(s.oos_trades).toBe(t.trades.length);
      expect(s.oos_total_r).toBeCloseTo(t.trades.reduce((a, x) => a + x.r, 0), 12);
      oos += t.trades.length;
    }
    expect(d.walk_forward!.oos.trades).toBe(oos);
  });

  it('a stored instrument (stored: {db, symbols}) sweeps as its file does, and its database is only read', () => {
    const app = join(dir, 'app.db');
    const before = createHash('sha256').update(readFileSync(app)).digest('hex');
    const r = cli('sweep', join(dir, 'stored.yaml'), '--db', join(dir, 's.db'), '--workers', '2');
    expect(r.status, r.stderr).toBe(0);
    expect(createHash('sha256').update(readFileSync(app)).digest('hex')).toBe(before);
    const stored = tasksOf(join(dir, 's.db'), 3), whole = tasksOf(join(dir, 's.db'), 2);
    expect(stored.map((t) => t.data_file)).toEqual([`store:${app}#BTC-PERP`, `store:${app}#BTC-PERP`]);
    expect(stored.map((t) => [t.params_json, t.metrics_json, t.trades])).toEqual(whole.map((t) => [t.params_json, t.metrics_json, t.trades]));
  }, 120_000);

  it('the Parquet files hold the stored tasks (a column per swept key and metric) and trades', async () => {
    const folds = tasksOf(join(dir, 's.db'), 1);
    const tasks = await read(join(dir, 'pq', 'sweep-1-tasks.parquet'));
    expect(tasks).toHaveLength(6);
    tasks.forEach((row, i) => {
      const t = folds[i]!, m = JSON.parse(t.metrics_json!) as Record<string, unknown>;
      expect(row).toMatchObject({ task_hash: t.task_hash, idx: t.idx, fold: t.fold, status: 'done', 'risk.target_rr': JSON.parse(t.params_json)['risk.target_rr'] });
      expect(Number(row.window_from)).toBe(t.window_from);
      for (const k of ['trades', 'expectancy_r', 'sharpe', 'max_drawdown', 'end_equity']) expect(row[k]).toBe(m[k]);
    });
    const trades = await read(join(dir, 'pq', 'sweep-1-trades.parquet'));
    const stored = folds.flatMap((t) => t.trades.map((x, seq) => ({ task_hash: t.task_hash, seq, entry_t: x.entry_t, r: x.r, pnl: x.pnl })));
    expect(trades.map((x) => ({ task_hash: x.task_hash, seq: x.seq, entry_t: Number(x.entry_t), r: x.r, pnl: x.pnl }))).toEqual(stored);
    expect(stored.length).toBeGreaterThan(0);
    expect((trades[0]!.entry_time as Date).getTime()).toBe(stored[0]!.entry_t);
  });
});
