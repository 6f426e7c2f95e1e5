// Shared fixtures: models written to a temp dir, seeded random matrices, a plain-JS logistic.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../../../src-main/engine/indicators/prng.ts';
import { FEATURE_SCHEMA, type MatrixSchema } from '../../../../src-main/engine/features/schema.ts';
import { logisticModelBytes, type LogisticSpec } from '../../../../src-main/engine/decision/onnx-writer.ts';
import type { DecisionMatrices } from '../../../../src-main/engine/decision/model.ts';

export function tempDir(): { dir: string; write(name: string, bytes: Uint8Array | string): string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'algospace-decision-'));
  return {
    dir,
    write(name, bytes) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function writeModel(t: ReturnType<typeof tempDir>, name: string, spec: LogisticSpec): string {
  return t.write(name, logisticModelBytes(spec));
}

/** uniform in [lo, hi), float32 */
export function randomMatrices(seed: number, lo = -1, hi = 1, schema: readonly MatrixSchema[] = FEATURE_SCHEMA): DecisionMatrices {
  const u = mulberry32(seed);
  const out: Record<string, Float32Array> = {};
  for (const m of schema) {
    const a = new Float32Array(m.rows * m.features.length);
    for (let i = 0; i < a.length; i++) a[i] = lo + (hi - lo) * u();
    out[m.name] = a;
  }
  return out as DecisionMatrices;
}

export function randomWeights(seed: number, scale: number, schema: readonly MatrixSchema[] = FEATURE_SCHEMA): Record<string, Float32Array> {
  const u = mulberry32(seed);
  const out: Record<string, Float32Array> = {};
  for (const m of schema) {
    const w = new Float32Array(m.rows * m.features.length);
    for (let i = 0; i < w.length; i++) w[i] = scale * (2 * u() - 1);
    out[m.name] = w;
  }
  return out;
}

/** the reference: σ(bias + Σ w·x) in float64 over the float32 values */
export function logisticJs(spec: LogisticSpec, matrices: Readonly<Record<string, Float32Array>>): number {
  let z = Math.fround(spec.bias);
  for (const m of spec.inputs) {
    const w = spec.weights[m.name]!;
    const x = matrices[m.name]!;
    for (let i = 0; i < w.length; i++) z += w[i]! * x[i]!;
  }
  return 1 / (1 + Math.exp(-z));
}
