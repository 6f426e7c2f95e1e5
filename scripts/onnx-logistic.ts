// Writes the tiny deterministic logistic decision model (tiny-model.ts) as ONNX.
//   npx node scripts/onnx-logistic.ts <out.onnx>           write it
//   npx node scripts/onnx-logistic.ts <out.onnx> --bench   then load it and time 1,000 predicts
// Build-time only (onnx-proto is a devDependency). A trained model will replace the weights.
import { writeFile } from 'node:fs/promises';
import { logisticModelBytes } from '../src-main/engine/decision/onnx-writer.ts';
import { tinyLogisticSpec } from '../src-main/engine/decision/tiny-model.ts';
import { FEATURE_SCHEMA } from '../src-main/engine/features/schema.ts';
import { loadDecisionModel, type DecisionMatrices } from '../src-main/engine/decision/model.ts';

const [out, flag] = process.argv.slice(2);
if (!out) {
  console.error('usage: npx node scripts/onnx-logistic.ts <out.onnx> [--bench]');
  process.exit(2);
}
const bytes = logisticModelBytes(tinyLogisticSpec());
await writeFile(out, bytes);
console.log(`wrote ${out} (${bytes.length} bytes)`);

if (flag === '--bench') {
  const loaded = await loadDecisionModel(out);
  if (!loaded.ok) {
    console.error(loaded.problem);
    process.exit(1);
  }
  const model = loaded.value;
  const again = await loadDecisionModel(out); // the first load also pays for ORT's start-up
  if (again.ok) {
    console.log(`second load ${again.value.loadMs.toFixed(1)} ms`);
    await again.value.release();
  }
  const m = Object.fromEntries(FEATURE_SCHEMA.map((s) => [s.name, new Float32Array(s.rows * s.features.length).fill(0.1)]));
  const matrices = m as DecisionMatrices;
  for (let i = 0; i < 100; i++) await model.predict(matrices); // warm-up
  const us: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t = process.hrtime.bigint();
    await model.predict(matrices);
    us.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  us.sort((a, b) => a - b);
  const q = (f: number): string => us[Math.floor(f * (us.length - 1))]!.toFixed(1);
  console.log(`load ${model.loadMs.toFixed(1)} ms; predict µs median ${q(0.5)}, p99 ${q(0.99)} (1,000 calls)`);
  await model.release();
}
