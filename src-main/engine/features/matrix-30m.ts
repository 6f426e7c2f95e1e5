// The 30m structure matrix, 48 × 8 = 24 hours of 30m closes (SPEC §3.1). One row per 30m bar
// close; P is the standard 30m close. Row clamp ±3 (every column is bounded tighter anyway).
import { RollingNormalizer } from '../indicators/rolling-normalizer.ts';
import { MatrixAssembler } from './assembler.ts';
import { firstNonFinite, type Row30mInput } from './inputs.ts';
import { DEFAULT_ROWS, FEATURES_30M } from './schema.ts';

const clip = (v: number, lo: number, hi: number): number => (v > hi ? hi : v < lo ? lo : v);

const FINITE_30M = ['close', 'mlmiValue', 'mlmiSignal', 'mlmiK', 'yhat1', 'nwrqkSlope', 'hourSin', 'hourCos'] as const;

export class Matrix30mAssembler extends MatrixAssembler<Row30mInput> {
  // nwrqk_slope is the only column with running statistics (α = 0.05)
  readonly #slope = new RollingNormalizer(0.05);

  constructor(rows: number = DEFAULT_ROWS.structure_30m) {
    super('structure_30m', rows, FEATURES_30M, 3);
  }

  protected notReady(x: Row30mInput): string | null {
    if (!x.mlmiReady) return 'mlmi';
    if (!x.nwrqkReady) return 'nwrqk';
    if (!x.lvnReady) return 'lvn';
    return null;
  }

  protected invalid(x: Row30mInput): string | null {
    const nf = firstNonFinite(x, FINITE_30M);
    if (nf !== null) return `${nf} is not finite`;
    if (!(x.close > 0)) return `close ${x.close} is not positive`;
    if (!(x.mlmiK > 0)) return `mlmiK ${x.mlmiK} is not positive`;
    if (x.mlmiSignal !== -1 && x.mlmiSignal !== 0 && x.mlmiSignal !== 1) return `mlmiSignal ${x.mlmiSignal} is not −1/0/+1`;
    if (!x.lvnEmpty) {
      // distance is |P − level|: a negative one would push exp() above 1
      if (!Number.isFinite(x.lvnDistance) || x.lvnDistance < 0) return `lvnDistance ${x.lvnDistance} is not a finite distance`;
      if (!Number.isFinite(x.lvnStrength)) return 'lvnStrength is not finite';
    }
    return null;
  }

  protected fill(x: Row30mInput, row: Float32Array): void {
    const p = x.close;
    // ⚠ SPEC: the vote sum lies in [−k, k]; the original assumed 0–100
    row[0] = clip(x.mlmiValue / x.mlmiK, -1, 1);
    row[1] = x.mlmiSignal;
    row[2] = clip((100 * (x.yhat1 - p)) / p, -5, 5) / 5;
    // RN sees the raw slope first; until it has > 10 values its z-score is too noisy, so tanh
    const z = this.#slope.update(x.nwrqkSlope);
    row[3] = this.#slope.n > 10 ? clip(z, -2, 2) / 2 : Math.tanh(10 * x.nwrqkSlope);
    row[4] = x.lvnEmpty ? 0 : Math.exp((-100 * x.lvnDistance) / p);
    row[5] = x.lvnEmpty ? 0 : clip(x.lvnStrength / 100, 0, 1);
    row[6] = x.hourSin;
    row[7] = x.hourCos;
  }

  protected resetNormalizers(): void {
    this.#slope.reset();
  }
}
