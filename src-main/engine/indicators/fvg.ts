// Fair value gaps (SPEC §2.3), 5m standard candles. A gap is flagged on its third candle i and
// then tested on bars i+1 … i+max_age: a close beyond its far edge invalidates it; a wick back into
// it that holds is a mitigation, the FVG trigger for synergy. Active gaps live in fixed arrays
// (at most one gap per bar, so at most max_age+1 are active): no allocation per bar.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG, type IndicatorConfig } from '../../../src-shared/config.ts';
import { Ring, type Indicator } from './types.ts';

export type FvgConfig = IndicatorConfig['fvg'];

/** The synergy input of a bar: the largest gap mitigated on it. */
export interface FvgSignal {
  /** +1 a bullish gap was mitigated, −1 a bearish one */
  dir: 1 | -1;
  size: number;
  /** (upper − lower)/C at creation, a fraction */
  gapFrac: number;
  lower: number;
  upper: number;
  /** index (in bars seen by this instance) and start time of the gap's third candle */
  createdBar: number;
  createdT: number;
}

export interface FvgOutput {
  /** true from the third bar (index 2), the first one that can flag a gap */
  ready: boolean;
  bullActive: number;
  bearActive: number;
  /** midpoint of the active gap nearest to the close; 0 if none */
  nearestLevel: number;
  age: number;
  gapSize: number;
  /** 100·size/C, in percent */
  gapSizePct: number;
  /** 1 if any gap was mitigated on this bar */
  mitigation: number;
  /** gaps mitigated on this bar (usually 0 or 1) */
  mitigations: number;
  flaggedBull: number;
  flaggedBear: number;
  /** null, or the reused signal object (valid until the next update; copy it to keep it) */
  signal: FvgSignal | null;
}

export class Fvg implements Indicator<FvgOutput> {
  readonly name = 'fvg';
  readonly warmup = 2;
  readonly #cfg: FvgConfig;
  readonly #bodies: Ring; // |C−O| of the last body_lookback+1 bars, middle candle included
  #h1 = 0; #l1 = 0; #h2 = 0; #l2 = 0; // highs/lows one and two bars back
  #bar = 0;
  // active gaps in creation order, struct of arrays
  readonly #dir: Int8Array;
  readonly #lo: Float64Array;
  readonly #up: Float64Array;
  readonly #frac: Float64Array;
  readonly #born: Float64Array;
  readonly #bornT: Float64Array;
  #n = 0;
  readonly #sig: FvgSignal = { dir: 1, size: 0, gapFrac: 0, lower: 0, upper: 0, createdBar: 0, createdT: 0 };
  readonly #out: FvgOutput = {
    ready: false, bullActive: 0, bearActive: 0, nearestLevel: 0, age: 0, gapSize: 0, gapSizePct: 0,
    mitigation: 0, mitigations: 0, flaggedBull: 0, flaggedBear: 0, signal: null,
  };

  constructor(cfg: FvgConfig = DEFAULT_CONFIG.indicators.fvg) {
    this.#cfg = cfg;
    this.#bodies = new Ring(cfg.body_lookback + 1);
    const cap = cfg.max_age + 1;
    this.#dir = new Int8Array(cap);
    this.#lo = new Float64Array(cap);
    this.#up = new Float64Array(cap);
    this.#frac = new Float64Array(cap);
    this.#born = new Float64Array(cap);
    this.#bornT = new Float64Array(cap);
  }

  update(bar: Bar): FvgOutput {
    const j = this.#bar;
    const out = this.#out;
    this.#lifecycle(bar, j);
    out.flaggedBull = 0;
    out.flaggedBear = 0;
    if (j >= 2) this.#detect(bar, j);
    this.#features(bar.c, j);
    out.ready = j >= 2;
    // shift the candle memory: this bar becomes "one back"
    this.#bodies.push(Math.abs(bar.c - bar.o));
    this.#h2 = this.#h1; this.#l2 = this.#l1;
    this.#h1 = bar.h; this.#l1 = bar.l;
    this.#bar++;
    return out;
  }

  /** Test each active gap in creation order, then drop the expired; builds this bar's signal. */
  #lifecycle(bar: Bar, j: number): void {
    const out = this.#out;
    let keep = 0, mitBull = 0, mitBear = 0, best = -1, bestSize = -1;
    for (let g = 0; g < this.#n; g++) {
      const bull = this.#dir[g] === 1;
      const lo = this.#lo[g]!, up = this.#up[g]!;
      if (bull ? bar.c < lo : bar.c > up) continue; // invalidated: no event
      if (bull ? bar.l <= up : bar.h >= lo) {
        if (bull) mitBull++; else mitBear++;
        // largest size wins; on equal sizes the older gap (tested first) is kept. Copied now:
        // compaction may overwrite its slot.
        if (up - lo > bestSize) { bestSize = up - lo; best = g; this.#fillSignal(g); }
        continue;
      }
      if (j - this.#born[g]! >= this.#cfg.max_age) continue; // expired
      this.#move(g, keep++);
    }
    out.mitigations = mitBull + mitBear;
    out.mitigation = out.mitigations > 0 ? 1 : 0;
    out.signal = null;
    // both sides mitigated on one bar: contradictory, so no signal (SPEC §2.3)
    if (best >= 0 && !(mitBull > 0 && mitBear > 0)) out.signal = this.#sig;
    this.#n = keep;
  }

  #fillSignal(g: number): void {
    const s = this.#sig;
    s.dir = this.#dir[g] === 1 ? 1 : -1;
    s.lower = this.#lo[g]!;
    s.upper = this.#up[g]!;
    s.size = s.upper - s.lower;
    s.gapFrac = this.#frac[g]!;
    s.createdBar = this.#born[g]!;
    s.createdT = this.#bornT[g]!;
  }

  /** Flag a gap with bar j as the third candle (the body ring still ends with bar j−1). */
  #detect(bar: Bar, j: number): void {
    const cfg = this.#cfg;
    const older = Math.min(cfg.body_lookback, j - 1); // bodies j−2 back to max(0, j−11)
    let sum = 0;
    for (let b = 1; b <= older; b++) sum += this.#bodies.get(b);
    const avgBody = Math.max(sum / older, cfg.body_floor);
    if (!(this.#bodies.get(0) > cfg.body_multiplier * avgBody)) return;
    let dir = 0, lower = 0, upper = 0;
    if (bar.l > this.#h2) { dir = 1; lower = this.#h2; upper = bar.l; }
    else if (bar.h < this.#l2) { dir = -1; lower = bar.h; upper = this.#l2; }
    if (dir === 0) return;
    const frac = (upper - lower) / bar.c;
    if (!(frac >= cfg.min_gap_pct)) return;
    const g = this.#n++;
    this.#dir[g] = dir; this.#lo[g] = lower; this.#up[g] = upper; this.#frac[g] = frac;
    this.#born[g] = j; this.#bornT[g] = bar.t;
    if (dir === 1) this.#out.flaggedBull = 1; else this.#out.flaggedBear = 1;
  }

  #features(close: number, j: number): void {
    const out = this.#out;
    out.bullActive = 0; out.bearActive = 0;
    out.nearestLevel = 0; out.age = 0; out.gapSize = 0; out.gapSizePct = 0;
    let best = -1, bestDist = Infinity;
    for (let g = 0; g < this.#n; g++) {
      if (this.#dir[g] === 1) out.bullActive = 1; else out.bearActive = 1;
      const d = Math.abs((this.#lo[g]! + this.#up[g]!) / 2 - close);
      if (d <= bestDist) { bestDist = d; best = g; } // ≤: ties go to the most recent gap
    }
    if (best < 0) return;
    const size = this.#up[best]! - this.#lo[best]!;
    out.nearestLevel = (this.#lo[best]! + this.#up[best]!) / 2;
    out.age = j - this.#born[best]!;
    out.gapSize = size;
    out.gapSizePct = close > 0 ? (100 * size) / close : 0;
  }

  /** Visit the active gaps in creation order (for the chart's zones; no allocation). */
  forEachActive(fn: (dir: 1 | -1, lower: number, upper: number, createdT: number, createdBar: number) => void): void {
    for (let g = 0; g < this.#n; g++) fn(this.#dir[g] === 1 ? 1 : -1, this.#lo[g]!, this.#up[g]!, this.#bornT[g]!, this.#born[g]!);
  }

  get activeCount(): number { return this.#n; }

  #move(from: number, to: number): void {
    if (from === to) return;
    this.#dir[to] = this.#dir[from]!; this.#lo[to] = this.#lo[from]!; this.#up[to] = this.#up[from]!;
    this.#frac[to] = this.#frac[from]!; this.#born[to] = this.#born[from]!; this.#bornT[to] = this.#bornT[from]!;
  }

  reset(): void {
    this.#bodies.clear();
    this.#h1 = this.#l1 = this.#h2 = this.#l2 = 0;
    this.#bar = 0; this.#n = 0;
    const o = this.#out;
    o.ready = false; o.bullActive = o.bearActive = o.nearestLevel = o.age = o.gapSize = o.gapSizePct = 0;
    o.mitigation = o.mitigations = o.flaggedBull = o.flaggedBear = 0; o.signal = null;
  }
}
