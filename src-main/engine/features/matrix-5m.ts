// The 5m tactical matrix, 60 × 7 = 5 hours of 5m closes (SPEC §3.2). One row per 5m bar close;
// P is the 5m close. No running statistics: every column is a fixed map. Row clamp ±2.
import { MatrixAssembler } from './assembler.ts';
import { firstNonFinite, type Row5mInput } from './inputs.ts';
import { DEFAULT_ROWS, FEATURES_5M } from './schema.ts';

const clip = (v: number, lo: number, hi: number): number => (v > hi ? hi : v < lo ? lo : v);

const FINITE_5M = ['close', 'fvgNearestLevel', 'momentum5', 'volumeRatio', 'fvgGapSizePct'] as const;

export class Matrix5mAssembler extends MatrixAssembler<Row5mInput> {
  constructor(rows: number = DEFAULT_ROWS.tactical_5m) {
    super('tactical_5m', rows, FEATURES_5M, 2);
  }

  // FVG detection is ready from bar 2, before momentum (6 bars), so it has no flag of its own
  protected notReady(x: Row5mInput): string | null {
    if (!x.momentum5Ready) return 'momentum5';
    if (!x.volumeRatioReady) return 'volumeRatio';
    return null;
  }

  protected invalid(x: Row5mInput): string | null {
    const nf = firstNonFinite(x, FINITE_5M);
    if (nf !== null) return `${nf} is not finite`;
    if (!(x.close > 0)) return `close ${x.close} is not positive`;
    return null;
  }

  protected fill(x: Row5mInput, row: Float32Array): void {
    const p = x.close;
    row[0] = x.fvgBullActive ? 1 : 0;
    row[1] = x.fvgBearActive ? 1 : 0;
    // level ≤ 0 means no active gap
    row[2] = x.fvgNearestLevel > 0 ? clip((100 * (x.fvgNearestLevel - p)) / p, -2, 2) / 2 : 0;
    row[3] = x.fvgMitigation ? 1 : 0;
    row[4] = clip(x.momentum5 / 5, -1, 1);
    // ratio 1 → 0, 3 → 0.8, 1/3 → −0.8; a zero-volume bar (ratio 0) → 0, not −1
    row[5] = x.volumeRatio > 0 ? Math.tanh(Math.log(x.volumeRatio)) : 0;
    row[6] = clip(x.fvgGapSizePct / 5, 0, 1);
  }

  protected resetNormalizers(): void {
    // stateless columns
  }
}
