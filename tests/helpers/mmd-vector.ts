// Prints MMD vectors of 160 real NQ 30m bars as hex-exact numbers (child process of mmd.test.ts,
// run once with ALGOSPACE_MMD_THREADS=1 and once with the helper thread).
import { Mmd } from '../../src-main/engine/indicators/mmd.ts';
import { readOhlcCsv, NQ_30M_ETH } from './causal.ts';
import { mmdHelperThreads, mmdKernelKind } from '../../src-main/engine/indicators/mmd-cross.ts';
import { getReferences } from '../../src-main/engine/indicators/mmd-reference.ts';

const m = new Mmd();
const lines: string[] = [];
for (const b of readOhlcCsv(NQ_30M_ETH, 160)) {
  const o = m.update(b);
  if (o.ready) lines.push(Array.from(o.vector, (v) => Buffer.from(new Float64Array([v]).buffer).toString('hex')).join(' '));
}
process.stdout.write(lines.join('\n') + '\n');
process.stderr.write(`helper threads: ${mmdHelperThreads()}\nkernels: ${mmdKernelKind(getReferences(42, 1000, 200))}\n`);
