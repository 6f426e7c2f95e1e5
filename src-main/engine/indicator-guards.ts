// Fault isolation per indicator: every unit of a stage (indicators/unit.ts) runs under its own
// StageGuard named `<stage>.<unit>` (e.g. `indicators.30m.lvn`), with its own circuit breaker,
// health component and fault hook. A unit that throws is counted, reported once (onFault), reset
// alone, and its columns are null for that bar; the other units of the stage keep their state and
// their values. A unit that writes NaN or ±Infinity into a column fails the same way (the value is
// never passed on: NaN never leaves the indicator stage). While its breaker is open the unit is not
// called and its columns stay null.
// Like the stage guards, this allocates nothing per bar (the closures are built once, per unit).
import type { Bar } from '../../src-shared/domain/bars.ts';
import type { IndicatorRow } from '../../src-shared/domain/indicators.ts';
import { StageGuard, type Faults } from './health/guard.ts';
import type { BreakerOptions } from './health/breaker.ts';
import type { Metrics } from './health/metrics.ts';
import { blank, type IndicatorUnit } from './indicators/unit.ts';

/** One failure of a guarded part of the pipeline, reported after it was isolated. */
export interface IndicatorFault {
  /** the guard: `indicators.30m.lvn` (one indicator), `indicators.5m` / `indicators.30m` (a whole stage) or `matrices` */
  indicator: string;
  /** start of the bar being processed, UTC ms (a 30m bar for the 30m stage, else the step's bar) */
  barT: number;
  /** the error's message */
  reason: string;
}

export type FaultReport = (f: IndicatorFault) => void;

/** The first of `columns` holding NaN or ±Infinity, or null: a unit's output must be null or finite. */
export function nonFinite(row: IndicatorRow, columns: readonly string[]): string | null {
  for (let i = 0; i < columns.length; i++) {
    const v = row[columns[i]!];
    if (v !== null && v !== undefined && !Number.isFinite(v)) return columns[i]!;
  }
  return null;
}

export class UnitGuards {
  readonly units: readonly IndicatorUnit[];
  readonly guards: readonly StageGuard[];
  readonly #onFault: FaultReport | null;

  constructor(stage: string, units: readonly IndicatorUnit[], breaker: BreakerOptions, metrics: Metrics | null, faults: Faults | null, onFault: FaultReport | null) {
    this.units = units;
    this.guards = units.map((u) => new StageGuard(`${stage}.${u.name}`, breaker, metrics, faults));
    this.#onFault = onFault;
  }

  /** The guard of the unit with this short name. */
  guard(unit: string): StageGuard {
    const i = this.units.findIndex((u) => u.name === unit);
    if (i < 0) throw new Error(`no indicator unit '${unit}' (have: ${this.units.map((u) => u.name).join(', ')})`);
    return this.guards[i]!;
  }

  /** Market time moved on (5m steps), for every unit's breaker. */
  advance(steps: number): void {
    for (const g of this.guards) g.advance(steps);
  }

  /**
   * Each unit under its own guard, in order, writing into `row` (which starts all null). Throws only
   * if the onFault callback does.
   */
  run(bar: Bar, row: IndicatorRow): void {
    const units = this.units, guards = this.guards;
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!, g = guards[i]!;
      if (!g.enter()) continue; // breaker open: the unit is skipped, its columns stay null
      try {
        g.inject();
        u.update(bar, row);
        const bad = nonFinite(row, u.columns);
        if (bad !== null) throw new Error(`${bad} came out ${row[bad]} (not a finite number) at bar ${new Date(bar.t).toISOString()}`);
        g.succeed();
      } catch (e) {
        g.fail(e);
        u.reset();
        blank(row, u.columns);
        this.#onFault?.({ indicator: g.name, barT: bar.t, reason: g.lastError ?? String(e) });
      }
    }
  }
}
