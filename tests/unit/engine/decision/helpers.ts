// Shared fixtures: models written to a temp dir, seeded random matrices, a plain-JS logistic.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../../../src-main/engine/indicators/prng.ts';
import { FEATURE_SCHEMA, type MatrixSchema } from '../../../../src-main/engine/features/schema.ts';
import { logisticModelBytes, type LogisticSpec } from '../../../../src-main/engine/decision/onnx-writer.ts';
import type { DecisionMatrices } from '../../../../src-main/engine/decision/model.ts';
import type { onnx as OnnxNs } from 'onnx-proto';

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

/**
 * The shipped model with one bit flipped in the middle of its largest weight tensor: the high byte
 * of a float32 (its sign and exponent), so the weight really changes. Found by decoding the file,
 * then locating that tensor's raw bytes in it.
 */
export function flipWeightBit(bytes: Uint8Array): { flipped: Uint8Array; offset: number } {
  const { onnx } = createRequire(import.meta.url)('onnx-proto') as { onnx: typeof OnnxNs };
  const model = onnx.ModelProto.decode(bytes);
  const raw = model.graph!.initializer!.map((i) => i.rawData!).filter((r) => r && r.length > 0).sort((a, b) => b.length - a.length)[0]!;
  const start = Buffer.from(bytes).indexOf(Buffer.from(raw));
  if (start <= 0) throw new Error('weight bytes not found in the file');
  const offset = start + 4 * Math.floor(raw.length / 8) + 3;
  const flipped = Uint8Array.from(bytes);
  flipped[offset]! ^= 0x40;
  return { flipped, offset };
}
