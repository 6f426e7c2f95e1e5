// Drives a trading session over a whole bar series (the CLI's replay of a file, the bench): every
// step bar goes through the indicator pipeline; bars at or before the session's cursor only warm it
// (a resumed run recomputes the same indicator state, deterministically), later bars also trade.
// With ticks, the prints between two step closes go to the broker before the later step (tick-mode
// fills at the next tick after a decision).
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { IndicatorPipeline } from '../pipeline.ts';
import { decisionMatrices } from '../decision/inputs.ts';
import type { TradingSession } from './session.ts';

export interface TickSeries { t: Float64Array; price: Float64Array; n: number }

export interface DriveStats {
  steps: number;
  warmed: number;
  traded: number;
  /** per synergy: ms from its bar close (indicators done) to the commit of its decision (model, risk, queue, SQLite) */
  decisionMs: number[];
  decisions: number;
  /** decision rehearsals run between bars (session.prime) and the ms they took in all */
  primes: number;
  primeMs: number;
}

export async function drive(
  pipeline: IndicatorPipeline, session: TradingSession, bars: readonly Bar[], stepMs: number, ticks: TickSeries | null,
  o: {
    onProgress?: (done: number, total: number) => void;
    /** rehearse the decision path between bars while the synergy detector is armed (default; off only to measure it) */
    rehearse?: boolean;
  } = {},
): Promise<DriveStats> {
  const { onProgress, rehearse = true } = o;
  const stats: DriveStats = { steps: 0, warmed: 0, traded: 0, decisionMs: [], decisions: 0, primes: 0, primeMs: 0 };
  const cursor = session.cursorT;
  // test hook (resume-kill.test.ts): die right after committing this step, as a crash would
  const killAt = process.env.ALGOSPACE_KILL_AT_STEP ? Number(process.env.ALGOSPACE_KILL_AT_STEP) : null;
  session.warmUp();
  let ti = 0;
  if (ticks && cursor !== null) while (ti < ticks.n && ticks.t[ti]! < cursor + stepMs) ti++;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i]!;
    const out = pipeline.mode === '5m' ? pipeline.push5m(bar) : pipeline.push30m(bar);
    stats.steps++;
    if (cursor !== null && bar.t <= cursor) { stats.warmed++; continue; }
    if (ticks) {
      const end = bar.t + stepMs;
      for (; ti < ticks.n && ticks.t[ti]! < end; ti++) session.onTick(ticks.t[ti]!, ticks.price[ti]!);
    }
    const atr = out.row?.atr ?? null;
    const t0 = performance.now();
    const r = await session.step({ bar, atr, synergy: out.synergy, matrices: () => decisionMatrices(pipeline, { copy: false }) });
    if (out.synergy) stats.decisionMs.push(performance.now() - t0);
    if (r.decision) stats.decisions++;
    stats.traded++;
    if (killAt !== null && session.steps === killAt) process.kill(process.pid, 'SIGKILL');
    // a synergy can complete at the next close: rehearse the decision path now, between bars
    if (rehearse && pipeline.synergy.armed) {
      const p0 = performance.now();
      session.prime(decisionMatrices(pipeline, { copy: false }), atr);
      stats.primeMs += performance.now() - p0;
      stats.primes++;
    }
    if (onProgress && (i & 1023) === 0) onProgress(i, bars.length);
  }
  return stats;
}
