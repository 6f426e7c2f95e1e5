// One isolated part of an indicator stage: an indicator, or a few features that share their inputs.
// It updates only its own state and writes only its own columns, so the pipeline can run each unit
// under its own guard (engine/indicator-guards.ts): a unit that throws leaves its columns null for
// that bar and is reset alone, while the other units of the stage keep their state.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { IndicatorRow } from '../../../src-shared/domain/indicators.ts';

export interface IndicatorUnit {
  /** short name; its guard, health component and fault hook are `<stage>.<name>`, e.g. `indicators.30m.lvn` */
  readonly name: string;
  /** the columns it writes; they stay null on a bar where it fails or is skipped */
  readonly columns: readonly string[];
  /** Update with one closed bar and write its columns into `row`. */
  update(bar: Bar, row: IndicatorRow): void;
  /**
   * Back to a fresh state after a failure: it warms up again from the next bar (no value is carried
   * over or invented), and the matrices its values feed restart, because their rows must stay
   * contiguous (features/assembler.ts) and a row without this unit's values cannot be written.
   */
  reset(): void;
}

/** One-time information from a unit that is not a failure (e.g. LVN coarsening its price grid). */
export interface IndicatorNote {
  /** `<stage>.<unit>` as for faults (a stage reports its unit's short name; the pipeline prefixes it) */
  indicator: string;
  /** start of the bar it happened on, UTC ms */
  barT: number;
  message: string;
}

/** Every column of the stage, null: the row a stage starts from, and what a down stage gives. */
export function nullRow(columns: readonly string[]): IndicatorRow {
  const row: IndicatorRow = {};
  for (const c of columns) row[c] = null;
  return row;
}

/** Null `columns` in `row` (a unit that threw may have written some of them already). */
export function blank(row: IndicatorRow, columns: readonly string[]): void {
  for (const c of columns) row[c] = null;
}
