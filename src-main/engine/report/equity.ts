// Equity marked to market at each step bar's close: the start equity, plus the net P&L of every round
// trip closed by then, plus each open position's move from its entry to the close (direction · size ·
// point value · account rate), minus the entry commission it has already paid. One pass over the bars
// and the positions (sorted by entry and by exit): O(bars + positions).
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { RoundTripRow } from '../../store/report.ts';

export interface EquityCurve {
  /** each step bar's start (its close is the mark) */
  t: number[];
  equity: number[];
  /** equity − its running peak (≤ 0; the start equity is the first peak) */
  drawdown: number[];
  /** the deepest fall from a running peak (money ≥ 0) and that fall as % of that peak */
  maxDrawdown: number;
  maxDrawdownPct: number;
}

export interface EquityInput {
  bars: readonly Bar[];
  stepMs: number;
  start: number;
  positions: readonly RoundTripRow[];
  /** money per price unit per unit of size: point value · account rate (null: unknown, open positions are not marked) */
  moneyPerPoint: number | null;
}

/** money without a float tail (1e-8 of a unit), cheaper per bar than toPrecision */
const tidy = (x: number): number => Math.round(x * 1e8) / 1e8;

type Leg = Pick<RoundTripRow, 'direction' | 'size' | 'entry_t' | 'entry_price' | 'entry_commission' | 'exit_t' | 'pnl'>;

export function equityCurve(inp: EquityInput): EquityCurve {
  const { bars, stepMs, start } = inp;
  const k = inp.moneyPerPoint ?? 0;
  const byEntry: Leg[] = [...inp.positions].sort((a, b) => a.entry_t - b.entry_t);
  const byExit: Leg[] = inp.positions.filter((p) => p.exit_t !== null).sort((a, b) => a.exit_t! - b.exit_t!);
  const t: number[] = [], equity: number[] = [], drawdown: number[] = [];
  // open positions as sums: Σ d·size and Σ d·size·entry mark all of them at a close in O(1)
  let realized = 0, openCommission = 0, dirSize = 0, dirSizeEntry = 0, ei = 0, xi = 0;
  let peak = start, maxDd = 0, maxDdPct = 0;
  for (const bar of bars) {
    const end = bar.t + stepMs; // fills at or after the bar's start and before its end happened inside it
    for (; ei < byEntry.length && byEntry[ei]!.entry_t < end; ei++) {
      const p = byEntry[ei]!;
      openCommission += p.entry_commission;
      dirSize += p.direction * p.size;
      dirSizeEntry += p.direction * p.size * p.entry_price;
    }
    for (; xi < byExit.length && byExit[xi]!.exit_t! < end; xi++) {
      const p = byExit[xi]!;
      openCommission -= p.entry_commission;
      dirSize -= p.direction * p.size;
      dirSizeEntry -= p.direction * p.size * p.entry_price;
      realized += p.pnl ?? 0;
    }
    const e = tidy(start + realized - openCommission + (bar.c * dirSize - dirSizeEntry) * k);
    if (e > peak) peak = e;
    const dd = e - peak;
    t.push(bar.t);
    equity.push(e);
    drawdown.push(dd);
    if (-dd > maxDd) {
      maxDd = -dd;
      maxDdPct = peak > 0 ? (100 * maxDd) / peak : 0;
    }
  }
  return { t, equity, drawdown, maxDrawdown: maxDd, maxDrawdownPct: maxDdPct };
}

/** % of the step bars during which a position was open (its entry bar through its exit bar). */
export function exposurePct(bars: readonly Bar[], positions: readonly Pick<RoundTripRow, 'entry_t' | 'exit_t'>[], barIndexAt: (t: number) => number): number {
  const n = bars.length;
  if (n === 0) return 0;
  const diff = new Int32Array(n + 1);
  for (const p of positions) {
    const from = Math.max(0, barIndexAt(p.entry_t));
    const to = p.exit_t === null ? n - 1 : barIndexAt(p.exit_t);
    if (to < from) continue;
    diff[from] = diff[from]! + 1;
    diff[to + 1] = diff[to + 1]! - 1;
  }
  let open = 0, held = 0;
  for (let i = 0; i < n; i++) {
    open += diff[i]!;
    if (open > 0) held++;
  }
  return (100 * held) / n;
}
