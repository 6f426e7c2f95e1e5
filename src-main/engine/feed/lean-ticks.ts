// LEAN equity trade ticks `ms,price*10000,size,exchange,condition_hex,suspicious`: rows are scanned by
// the WebAssembly scanner (lean-tick-wasm.ts: its scan ~3× the JS byte loop, a whole file read ~1.5×)
// or, where it cannot be built, by the JS scanner (lean-tick-js.ts, the reference the tests hold it
// to); a TickSink checks each well-formed row, converts it to UTC and puts it in the time sequence.
import type { Zone } from '../../../src-shared/time.ts';
import type { TickChunk } from '../../../src-shared/domain/chunks.ts';
import { newTickChunk, trimChunk, type RowLog } from './common.ts';
import { hourOffsets } from './lean-parse.ts';
import { TickSink, type TickScanner } from './lean-tick-sink.ts';
import { JsTickScanner } from './lean-tick-js.ts';
import { WasmTickScanner } from './lean-tick-wasm.ts';

/** A buffer that surely ends with '\n', so byte loops stop at a newline without bounds checks. */
function terminated(data: Buffer): Buffer {
  return data.length > 0 && data[data.length - 1] !== 10 ? Buffer.concat([data, Buffer.from('\n')]) : data;
}

/** `bytes`: the content's length (a '\n' zip.ts appended not counted); `wasm` false: the JS scanner. */
export function* leanTicks(raw: Buffer, day: number, z: Zone | null, log: RowLog, chunkRows: number, bytes = raw.length, wasm = true): Generator<TickChunk> {
  const b = terminated(raw);
  const off = hourOffsets(day, z);
  const sink = new TickSink(day, off, log);
  const scan: TickScanner = (wasm ? WasmTickScanner.create(b, day, off) : null) ?? new JsTickScanner(b);
  for (;;) {
    // one slot more than a chunk: a row and a held one before it may land in one step
    const ch = newTickChunk(chunkRows + 1);
    sink.begin(ch);
    const ended = scan.fill(sink, chunkRows, log);
    if (ended) sink.finish();
    ch.n = sink.k;
    log.stats.bytesRead = Math.min(scan.pos, bytes);
    if (ch.n > 0) yield trimChunk(ch);
    if (ended) return;
  }
}
