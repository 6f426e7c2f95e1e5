// TradingSession on hand-built bars with hand-computed expectations (NQ: tick 0.25, $20/point;
// SPEC risk defaults: 1 % of 100,000 per trade, stop 2·ATR, target 1.5× the stop; 1 tick slippage,
// $2.50 commission per contract per side). The bracket is shown around the decision close and re-anchored
// on the entry fill at the same distances (SPEC §5.2).
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { openDb, type WriteDb } from '../../../../src-main/store/db.ts';
import { createRun, getRun, listPositions, pendingDecisions, tradingCounts } from '../../../../src-main/store/trading.ts';
import { TradingSession } from '../../../../src-main/engine/trading/session.ts';
import type { SynergyEvent } from '../../../../src-main/engine/synergy/event.ts';
import { DEFAULT_CONFIG, type Config } from '../../../../src-shared/config.ts';
import { inst } from '../risk/helpers.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';
import { loadDecisionModel, type DecisionModel } from '../../../../src-main/engine/decision/model.ts';

const NQ = inst('NQ');
const M5 = 300_000;
const T0 = Date.UTC(2024, 0, 2, 14, 30);

function setup(o: { auto?: boolean; config?: Config; model?: DecisionModel } = {}) {
  const db = openDb(':memory:') as WriteDb;
  const config = o.config ?? DEFAULT_CONFIG;
  const run = createRun(db, {
    key: 'k', source: 'test', symbol: 'NQ', timeframe: '5m', profile: 'spec', config_json: '{}', model: null,
    auto_approve: o.auto ? 1 : 0, created_at: 0,
  });
  const make = () => new TradingSession({
    db, run: getRun(db, run.id)!, spec: NQ, config, model: o.model ?? null, modelProblem: o.model ? null : 'no model', autoApprove: o.auto ?? false,
    brokerMode: 'bar', stepMs: M5, wallNow: () => 1_700_000_000_000,
  });
  return { db, runId: run.id, make };
}

const bar = (i: number, o: number, h: number, l: number, c: number): Bar => ({ t: T0 + i * M5, o, h, l, c, v: 100 });

function synergy(i: number, direction: 1 | -1): SynergyEvent {
  return {
    synergy_type: 'TYPE_1', direction, confidence: 1, bar_index: i, bar_start: T0 + i * M5, time: T0 + (i + 1) * M5,
    signals: [], signal_strengths: { mlmi: 1, nwrqk: 1, fvg: 1 }, metadata: { bars_to_complete: 3, pattern_quality: 0.8 },
  };
}

const step = (s: TradingSession, b: Bar, ev: SynergyEvent | null, atr = 10) => s.step({ bar: b, atr, synergy: ev, matrices: () => null });

describe('TradingSession', () => {
  it('sizes, auto-approves and fills at the next open; a bar touching both stop and target fills the stop', async () => {
    const { db, runId, make } = setup({ auto: true });
    const s = make();
    await step(s, bar(0, 16000, 16005, 15995, 16000), null);
    const r = await step(s, bar(1, 16000, 16010, 15990, 16000), synergy(1, 1));
    const d = r.decision!;
    // entry 16000 (the close), stop 2·10 = 20 points below, target 30 points above
    expect([d.entry, d.stop, d.target]).toEqual([16000, 15980, 16030]);
    // risk per contract 20 points · $20 = $400; ⌊1,000 / 400⌋ = 2 contracts, $800 at risk
    expect([d.size, d.risk_money]).toEqual([2, 800]);
    expect(d.path).toBe('rule');
    expect(d.status).toBe('approved');
    expect(d.action).toBe('auto_approve');
    // next bar: entry at its open + 1 tick = 16004.25, so the bracket moves to 16004.25 − 20 = 15984.25 and
    // 16004.25 + 30 = 16034.25; the bar's range holds both → the stop first
    await step(s, bar(2, 16004, 16040, 15970, 16010), null);
    const [p] = listPositions(db, runId, 'NQ');
    expect(p).toMatchObject({ entry_price: 16004.25, stop: 15984.25, target: 16034.25, exit_kind: 'stop' });
    expect(p!.exit_price).toBe(15984); // stop − 1 tick of slippage
    // (15984 − 16004.25) · 2 · 20 − 2 · 2 · 2.50 = −810 − 10: the planned $800 plus one tick of slippage
    expect(p!.pnl).toBe(-820);
    expect(s.account().realized_pnl).toBe(-820);
    // the order row keeps the bracket the trader was shown
    expect(db.prepare('SELECT stop, target FROM orders').get()).toEqual({ stop: 15980, target: 16030 });
    expect(s.account().consecutive_losses).toBe(1);
    expect(tradingCounts(db, runId)).toMatchObject({ synergies: 1, decisions: 1, approved: 1, fills: 2 });
  });

  it('a decision nobody acts on expires after approval_expiry_bars steps; risk rejects with every reason', async () => {
    const { db, runId, make } = setup();
    const s = make();
    const r = await step(s, bar(0, 16000, 16010, 15990, 16000), synergy(0, -1));
    expect(r.decision!.status).toBe('pending');
    for (let i = 1; i < DEFAULT_CONFIG.decision.approval_expiry_bars; i++) {
      await step(s, bar(i, 16000, 16010, 15990, 16000), null);
      expect(pendingDecisions(db, runId)).toHaveLength(1);
    }
    const last = await step(s, bar(6, 16000, 16010, 15990, 16000), null);
    expect(last.expired).toBe(1);
    expect(pendingDecisions(db, runId)).toHaveLength(0);
    // ATR 60: 120 points · $20 = $2,400 per contract > $1,000 budget → size 0
    const big = await step(s, bar(7, 16000, 16010, 15990, 16000), synergy(7, 1), 60);
    expect(big.decision!.status).toBe('rejected_by_risk');
    expect(big.decision!.risk_reasons[0]).toMatch(/^size 0: risk per contract 2,400 exceeds 1 % of equity 100,000/);
  });

  it('expiry follows each pending decision through actions and restarts (no per-bar query to lean on)', async () => {
    const { db, runId, make } = setup();
    let s = make();
    const n = DEFAULT_CONFIG.decision.approval_expiry_bars;
    const first = (await step(s, bar(0, 16000, 16010, 15990, 16000), synergy(0, 1))).decision!;
    const second = (await step(s, bar(1, 16000, 16010, 15990, 16000), synergy(1, -1))).decision!;
    expect(s.reject(first.id, first.shown_hash, { reason: 'no' }).ok).toBe(true);
    s = make(); // restart with one decision pending
    let expiredAt = -1;
    for (let i = 2; i <= n + 2 && expiredAt < 0; i++) {
      if ((await step(s, bar(i, 16000, 16010, 15990, 16000), null)).expired) expiredAt = i;
    }
    // queued at step 2 (bar 1): it expires at step 2 + n, which is bar 1 + n
    expect(expiredAt).toBe(1 + n);
    expect(pendingDecisions(db, runId)).toHaveLength(0);
    expect(tradingCounts(db, runId)).toMatchObject({ decisions: 2 });
    expect(second.status).toBe('pending');
  });

  it('the warm-up leaves no rows and no broker state behind', async () => {
    const { db, runId, make } = setup({ auto: true });
    const s = make();
    s.warmUp();
    expect(tradingCounts(db, runId)).toMatchObject({ synergies: 0, decisions: 0, fills: 0 });
    expect(s.broker.pending()).toBeNull();
    expect(getRun(db, runId)!.cursor_t).toBeNull();
    const r = await step(s, bar(0, 16000, 16010, 15990, 16000), synergy(0, 1));
    expect(r.decision!.status).toBe('approved');
  });

  it('rehearsals between bars (prime) change nothing: every table and the account match a run without them', async () => {
    // synergies that queue or auto-approve, a fill, a stop, an expiry: the states a rehearsal must leave alone
    const bars = [16000, 16010, 16004, 15990, 15970, 15985, 16000, 16020, 16015, 16030, 16025, 16040]
      .map((c, i) => bar(i, c - 2, c + 8, c - 12, c));
    const evs = bars.map((_, i) => (i === 1 || i === 3 || i === 8 ? synergy(i, i === 3 ? -1 : 1) : null));
    const TABLES = ['trading_runs', 'synergies', 'decisions', 'approvals', 'orders', 'fills', 'positions'];
    // the shipped model: prime() runs it (on zeros here), as the app does
    const loaded = await loadDecisionModel(join(process.cwd(), 'models/decision.onnx'));
    if (!loaded.ok) throw new Error(loaded.problem.message);
    for (const auto of [true, false]) {
      const dumps: unknown[] = [];
      for (const primed of [false, true]) {
        const { db, make } = setup({ auto, model: loaded.value });
        const s = make();
        for (let i = 0; i < bars.length; i++) {
          await step(s, bars[i]!, evs[i]!);
          if (primed) s.prime(null, 10);
        }
        dumps.push({ account: s.account(), rows: TABLES.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()) });
      }
      // the run really exercised the states above
      const rows = (dumps[0] as { rows: { status?: string }[][] }).rows;
      expect(rows[1]!.length).toBe(3);
      if (auto) expect(rows[5]!.length).toBeGreaterThan(0);
      else expect(rows[2]!.map((d) => d.status)).toContain('expired');
      expect(dumps[1]).toEqual(dumps[0]);
    }
  });

  it('max_open_positions above 1: the paper broker holds one order or position, so risk rejects the rest with that reason', async () => {
    const config = { ...DEFAULT_CONFIG, risk: { ...DEFAULT_CONFIG.risk, max_open_positions: 2 } };
    // auto-approve: the second synergy comes while the first order is working
    const a = setup({ auto: true, config });
    const sa = a.make();
    expect((await step(sa, bar(0, 16000, 16010, 15990, 16000), synergy(0, 1))).decision!.status).toBe('approved');
    const second = (await step(sa, bar(1, 16000, 16004, 15996, 16000), synergy(1, 1))).decision!;
    expect(second.status).toBe('rejected_by_risk');
    expect(second.risk_reasons).toEqual(['paper broker: one order or position at a time (1 open; max_open_positions 2 is more than it supports)']);
    // by hand: two decisions queued, the second approval finds the first order working
    const q = setup({ config });
    const sq = q.make();
    const d1 = (await step(sq, bar(0, 16000, 16010, 15990, 16000), synergy(0, 1))).decision!;
    const d2 = (await step(sq, bar(1, 16000, 16010, 15990, 16000), synergy(1, 1))).decision!;
    expect(sq.approve(d1.id, d1.shown_hash).ok).toBe(true);
    const r2 = sq.approve(d2.id, d2.shown_hash);
    expect(r2.ok && r2.decision.status).toBe('rejected_by_risk');
    expect(r2.ok && r2.decision.risk_reasons[0]).toMatch(/^paper broker: one order or position at a time/);
  });

  it('the trader approves with the shown hash only; an approval places the order for the next bar', async () => {
    const { db, runId, make } = setup();
    const s = make();
    const d = (await step(s, bar(0, 16000, 16010, 15990, 16000), synergy(0, 1))).decision!;
    expect(s.approve(d.id, 'not-the-hash').ok).toBe(false);
    const ok = s.approve(d.id, d.shown_hash, { reason: 'fine' });
    expect(ok.ok && ok.decision.status).toBe('approved');
    expect(s.reject(d.id, d.shown_hash).ok).toBe(false); // already settled
    await step(s, bar(1, 16002, 16003, 16001, 16002), null);
    expect(listPositions(db, runId, 'NQ')[0]).toMatchObject({ status: 'open', entry_price: 16002.25, size: 2 });
  });

  it('resumes from its snapshot: a new session on the same run continues exactly', async () => {
    const bars = [bar(0, 16000, 16005, 15995, 16000), bar(1, 16000, 16010, 15990, 16000), bar(2, 16004, 16020, 16001, 16010), bar(3, 16010, 16035, 16005, 16030)];
    const evs = [null, synergy(1, 1), null, null];
    const a = setup({ auto: true });
    const sa = a.make();
    for (let i = 0; i < bars.length; i++) await step(sa, bars[i]!, evs[i]!);

    const b = setup({ auto: true });
    let sb = b.make();
    await step(sb, bars[0]!, null);
    await step(sb, bars[1]!, evs[1]!);
    sb = b.make(); // "restart": state from the store only
    expect(sb.cursorT).toBe(bars[1]!.t);
    expect(() => step(sb, bars[1]!, null)).toThrow(/at or before the cursor/);
    await step(sb, bars[2]!, null);
    await step(sb, bars[3]!, null);
    expect(listPositions(b.db, b.runId, 'NQ')).toEqual(listPositions(a.db, a.runId, 'NQ'));
    expect(sb.account()).toEqual(sa.account());
    // the target, 30 points above the fill at 16004.25 = 16034.25, was reached in bar 3: 30 · 2 · 20 − 10
    expect(listPositions(a.db, a.runId, 'NQ')[0]).toMatchObject({ exit_kind: 'target', target: 16034.25, pnl: 1190 });
  });

  it('a new trading day of the instrument\'s calendar resets the daily counters', async () => {
    const config: Config = { ...DEFAULT_CONFIG, risk: { ...DEFAULT_CONFIG.risk, max_trades_per_day: 1 } };
    const { make } = setup({ auto: true, config });
    const s = make();
    let i = 0;
    await step(s, bar(i++, 16000, 16005, 15995, 16000), synergy(0, 1), 10);
    await step(s, bar(i++, 16000, 16100, 15999, 16050), null); // entry, then target: 1 trade today
    expect(s.account().trades_today).toBe(1);
    const again = await step(s, bar(i, 16050, 16055, 16045, 16050), synergy(i, 1));
    expect(again.decision!.status).toBe('rejected_by_risk');
    expect(again.decision!.risk_reasons).toContain('trades today: 1 taken, max 1');
    i++;
    // within 24 h of contiguous 5m bars CME's trading day changes and the counters start over
    while ((i * M5) < 24 * 3_600_000 + 2 * M5) await step(s, bar(i++, 16050, 16055, 16045, 16050), null);
    expect(s.account().trades_today).toBe(0);
    const next = await step(s, bar(i, 16050, 16055, 16045, 16050), synergy(i, 1));
    expect(next.decision!.status).toBe('approved');
  });
});
