// The rules every matrix assembler shares (SPEC §3), written once; a concrete assembler fills in
// the hooks (readiness, validation, one normalised row).
//
// Row policy:
// - Calls before the first row: no row until every input group is ready (returns null).
// - From the first row on, every call appends a row, so rows stay contiguous (one per bar).
// - An input group that stops being ready after the first row is a broken invariant (a stage was
//   reset or skipped without this one), not a gap to fill: update throws FeatureInputError. Carrying
//   the last value would invent data and zeroing it is forbidden (SPEC §3), so the caller must
//   reset() this assembler together with its indicators.
// - Non-finite or out-of-domain values and a bar start that does not increase also throw.
// Every check runs before any state (RN statistics, ring) changes, so a throw leaves the assembler
// exactly as it was.
import { FeatureInputError } from './inputs.ts';
import { RingMatrix } from './ring-matrix.ts';
import type { MatrixName, MatrixSchema } from './schema.ts';

export abstract class MatrixAssembler<In extends { readonly barStart: number }> {
  readonly name: MatrixName;
  readonly schema: MatrixSchema;
  readonly #ring: RingMatrix;
  readonly #row: Float32Array;
  readonly #clamp: number; // |v| bound for the whole row; Infinity = none (regime)
  #started = false;
  #lastBarStart = -Infinity;

  protected constructor(name: MatrixName, rows: number, features: readonly string[], clamp: number) {
    this.name = name;
    this.schema = { name, rows, features };
    this.#ring = new RingMatrix(rows, features);
    this.#row = new Float32Array(features.length);
    this.#clamp = clamp;
  }

  /** N */
  get rows(): number { return this.#ring.rows; }
  get featureNames(): readonly string[] { return this.#ring.featureNames; }
  /** rows held so far, 0 … N */
  get size(): number { return this.#ring.size; }
  /** true once the first row has been appended */
  get started(): boolean { return this.#started; }
  /** SPEC §3: ready only when N rows are held */
  get ready(): boolean { return this.#ring.ready; }
  /** N×F float32, oldest row first; null until ready. Reused buffer, valid until the next update. */
  matrix(): Float32Array | null { return this.#ring.matrix(); }
  /** bar start (UTC ms) of each row of matrix(), oldest first; null until ready. Reused buffer. */
  barStarts(): Float64Array | null { return this.#ring.barStarts(); }

  /**
   * Consumes one bar's inputs. Returns the appended, normalised row (the same Float32Array every
   * call, overwritten by the next one) or null while waiting for the first ready row.
   */
  update(input: In): Float32Array | null {
    const t = input.barStart;
    if (!Number.isFinite(t) || !(t > this.#lastBarStart)) {
      throw new FeatureInputError(`${this.name}: bar start ${t} does not follow ${this.#lastBarStart}`);
    }
    const missing = this.notReady(input);
    if (missing !== null) {
      if (this.#started) {
        throw new FeatureInputError(`${this.name}: ${missing} is no longer ready at bar ${t}; rows must stay contiguous (reset the assembler with its indicators)`);
      }
      this.#lastBarStart = t;
      return null;
    }
    const bad = this.invalid(input);
    if (bad !== null) throw new FeatureInputError(`${this.name}: ${bad} at bar ${t}`);

    const row = this.#row;
    this.fill(input, row);
    const c = this.#clamp;
    for (let i = 0; i < row.length; i++) {
      const v = row[i]!;
      // validated inputs keep every column bounded, so this is an assertion on our own arithmetic
      if (!Number.isFinite(v)) throw new Error(`${this.name}: column ${this.featureNames[i]} is ${v} at bar ${t}`);
      if (v > c) row[i] = c;
      else if (v < -c) row[i] = -c;
    }
    this.#ring.append(row, t);
    this.#started = true;
    this.#lastBarStart = t;
    return row;
  }

  reset(): void {
    this.#ring.reset();
    this.#row.fill(0);
    this.#started = false;
    this.#lastBarStart = -Infinity;
    this.resetNormalizers();
  }

  /** Name of the first input group that is not ready, or null when all are. */
  protected abstract notReady(input: In): string | null;
  /** Why a ready input is unusable (non-finite, out of domain), or null. Must not change state. */
  protected abstract invalid(input: In): string | null;
  /** Writes the normalised row (updating the RNs with the raw values first). */
  protected abstract fill(input: In, row: Float32Array): void;
  protected abstract resetNormalizers(): void;
}
