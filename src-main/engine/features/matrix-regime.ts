// The regime matrix, 96 × 26 = 48 hours of 30m closes (SPEC §3.3): the 23-dim MMD vector (§2.5)
// followed by volatility_30, volume_profile_skew and price_acceleration_30 (§2.6). One row per 30m
// bar close. Each column has its own clip from SPEC's table; the row gets no further clamp.
import { RollingNormalizer } from '../indicators/rolling-normalizer.ts';
import { MatrixAssembler } from './assembler.ts';
import { firstNonFinite, MMD_DIMS, type RowRegimeInput } from './inputs.ts';
import { DEFAULT_ROWS, FEATURES_REGIME } from './schema.ts';

const clip = (v: number, lo: number, hi: number): number => (v > hi ? hi : v < lo ? lo : v);

/** MMD scores 0–6 and their mean (22): clip(v, 0, 3) */
const SCORE_COLS = [0, 1, 2, 3, 4, 5, 6, 22] as const;
/** ratios (volume_ratio, volatility_ratio, volume_spike): tanh(ln(max(v, 1e-6))) */
const RATIO_COLS = [13, 19, 20] as const;
/** unbounded statistics: RN(α = 0.01), clip(z, ±3)/3 once n > 10, else clip(v, ±10)/10 */
const RN_COLS = [7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 21] as const;
const RSI_COL = 18;

const FINITE_30 = ['volatility30', 'volumeProfileSkew', 'priceAcceleration30'] as const;

export class MatrixRegimeAssembler extends MatrixAssembler<RowRegimeInput> {
  readonly #rn: RollingNormalizer[] = RN_COLS.map(() => new RollingNormalizer(0.01));
  readonly #vol30 = new RollingNormalizer(0.05);

  constructor(rows: number = DEFAULT_ROWS.regime_30m) {
    super('regime_30m', rows, FEATURES_REGIME, Infinity);
  }

  protected notReady(x: RowRegimeInput): string | null {
    if (!x.mmdReady) return 'mmd';
    if (!x.feat30Ready) return 'feat30';
    return null;
  }

  protected invalid(x: RowRegimeInput): string | null {
    const m = x.mmd;
    if (m.length !== MMD_DIMS) return `mmd has ${m.length} values, expected ${MMD_DIMS}`;
    for (let i = 0; i < MMD_DIMS; i++) {
      if (!Number.isFinite(m[i])) return `mmd[${i}] (${FEATURES_REGIME[i]}) is not finite`;
    }
    const rsi = m[RSI_COL]!;
    if (rsi < 0 || rsi > 100) return `mmd[${RSI_COL}] (rsi14) ${rsi} is outside 0–100`;
    const nf = firstNonFinite(x, FINITE_30);
    return nf === null ? null : `${nf} is not finite`;
  }

  protected fill(x: RowRegimeInput, row: Float32Array): void {
    const m = x.mmd;
    for (const c of SCORE_COLS) row[c] = clip(m[c]!, 0, 3);
    for (const c of RATIO_COLS) row[c] = Math.tanh(Math.log(Math.max(m[c]!, 1e-6)));
    row[RSI_COL] = (m[RSI_COL]! - 50) / 50;
    for (let i = 0; i < RN_COLS.length; i++) {
      const c = RN_COLS[i]!;
      const rn = this.#rn[i]!;
      const v = m[c]!;
      const z = rn.update(v);
      row[c] = rn.n > 10 ? clip(z, -3, 3) / 3 : clip(v, -10, 10) / 10;
    }
    const z = this.#vol30.update(x.volatility30);
    row[23] = this.#vol30.n > 10 ? clip(z, -2, 2) : Math.tanh(x.volatility30);
    // §2.6 already clips these to ±3 and ±5; clipping again keeps the columns in ±1 regardless
    row[24] = clip(x.volumeProfileSkew, -3, 3) / 3;
    row[25] = clip(x.priceAcceleration30, -5, 5) / 5;
  }

  protected resetNormalizers(): void {
    for (const rn of this.#rn) rn.reset();
    this.#vol30.reset();
  }
}
