// A small trading run written through the real store functions (the session's writers) into a temp
// SQLite file: stored step bars, then per trade a synergy, a decision with its shown plan, an order, the
// entry fill and position, and (when closed) the exit fill and the closed position.
import { findInstrument } from '../../../../src-shared/instruments.ts';
import { DEFAULT_CONFIG, type Config } from '../../../../src-shared/config.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';
import type { WriteDb } from '../../../../src-main/store/db.ts';
import { ensureInstrument } from '../../../../src-main/store/instruments.ts';
import { upsertBars } from '../../../../src-main/store/bars.ts';
import {
  closePosition, createRun, finishRun, insertDecision, insertFill, insertOrder, insertSynergy, openPosition, saveCursor,
  type RunRow,
} from '../../../../src-main/store/trading.ts';

export const STEP = 300_000;

export interface HandTrade {
  pattern: string;
  direction: 1 | -1;
  path: 'model' | 'rule';
  p: number | null;
  size: number;
  /** the shown plan's money at risk */
  riskMoney: number;
  /** bar index of the synergy (its decision time is that bar's end) */
  at: number;
  entry: { idx: number; price: number; commission: number };
  exit?: { idx: number; price: number; kind: 'stop' | 'target' | 'time'; commission: number; pnl: number };
}

export function writeHandRun(db: WriteDb, o: { symbol: string; bars: Bar[]; trades: HandTrade[]; config?: Config; atr?: number | null }): RunRow {
  const spec = findInstrument(o.symbol)!;
  const config = o.config ?? DEFAULT_CONFIG;
  upsertBars(db, ensureInstrument(db, spec), 5, o.bars);
  const run = createRun(db, {
    key: `hand-${o.symbol}`, source: 'hand.csv', symbol: o.symbol, timeframe: '5m', profile: 'spec', config_json: JSON.stringify(config),
    model: null, auto_approve: 1, created_at: 1,
  });
  const state = JSON.stringify({});
  o.bars.forEach((b, i) => saveCursor(db, run.id, b.t, i + 1, state));
  for (const x of o.trades) {
    const bar = o.bars[x.at]!, E = bar.t + STEP;
    const synergyId = insertSynergy(db, {
      run_id: run.id, t: E, bar_start: bar.t, step: x.at + 1, pattern: x.pattern, direction: x.direction, price: bar.c, quality: 0.5,
      bars_to_complete: 3, signals_json: '[]', path: x.path, p: x.p, threshold: 0.4, accepted: 1, reason: 'hand', atr: o.atr === undefined ? 10 : o.atr,
      model_sha256: null,
    });
    const decisionId = insertDecision(db, {
      run_id: run.id, synergy_id: synergyId, t: E, shown_hash: `h${synergyId}`, status: 'approved', risk_reasons: [], expires_step: null,
      correlation_id: `c${synergyId}`,
      view: {
        run_id: run.id, t: E, symbol: o.symbol, pattern: x.pattern, direction: x.direction, path: x.path, p: x.p, threshold: 0.4, reason: 'hand',
        entry: bar.c, stop: bar.c - x.direction * 10, target: bar.c + x.direction * 15, size: x.size, unit: 'contract', risk_money: x.riskMoney,
        rr: 1.5, expires_t: null, expires_step: null,
      },
    });
    const orderId = insertOrder(db, {
      run_id: run.id, decision_id: decisionId, direction: x.direction, size: x.size, stop: bar.c - x.direction * 10,
      target: bar.c + x.direction * 15, submitted_t: E,
    });
    const et = o.bars[x.entry.idx]!.t;
    insertFill(db, {
      order_id: orderId, kind: 'entry', t: et, price: x.entry.price, size: x.size, commission: x.entry.commission, pnl: null,
      currency: spec.currency, commission_native: x.entry.commission, pnl_native: null,
    });
    openPosition(db, {
      run_id: run.id, order_id: orderId, direction: x.direction, size: x.size, entry_price: x.entry.price, entry_t: et,
      stop: x.entry.price - x.direction * 10, target: x.entry.price + x.direction * 15,
    });
    if (!x.exit) continue;
    const xt = o.bars[x.exit.idx]!.t;
    insertFill(db, {
      order_id: orderId, kind: x.exit.kind, t: xt, price: x.exit.price, size: x.size, commission: x.exit.commission, pnl: x.exit.pnl,
      currency: spec.currency, commission_native: x.exit.commission, pnl_native: x.exit.pnl,
    });
    closePosition(db, orderId, { price: x.exit.price, t: xt, kind: x.exit.kind, pnl: x.exit.pnl });
  }
  finishRun(db, run.id, 2);
  return run;
}

/** Bars `STEP` apart from `t0` with the given open, high, low, close. */
export function barsFrom(t0: number, ohlc: [number, number, number, number][]): Bar[] {
  return ohlc.map(([o, h, l, c], i) => ({ t: t0 + i * STEP, o, h, l, c, v: 100 }));
}
