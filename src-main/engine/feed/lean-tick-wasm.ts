// The LEAN tick rows scanned in WebAssembly (scripts/build-wasm-feed.mjs states the grammar and what the
// scan takes): the usual row (well-formed, plausible, in order) is parsed, converted to UTC and written
// to columns there, and copied to the chunk a few thousand at a time; every other row is read by the JS
// scanner (lean-tick-js.ts) and judged by the sink as before, so both give the same chunks and the same
// problems. The data is copied into the module's memory a window of whole lines at a time (~1.5 MB
// whatever the file's size). This is what keeps a replay's reading thread ahead of the kernel.
import { compileWasm, ensureMemory, instantiate, type WasmMemory } from '../wasm.ts';
import type { RowLog } from './common.ts';
import { lineEnd } from './csv-split.ts';
import { LEAN_SCAN_CAP as CAP, LEAN_SCAN_IN as IN, LEAN_SCAN_JS as JS, LEAN_SCAN_OFF as OFF, LEAN_SCAN_WASM } from './lean-scan-wasm.ts';
import { rejectTickRow, type TickScanner, type TickSink } from './lean-tick-sink.ts';
import { JsTickScanner } from './lean-tick-js.ts';

interface Exports {
  memory: WasmMemory;
  scan(i: number, end: number, max: number, cap: number, line: number, day: number, last: number): number;
  bad: { value: number }; pos: { value: number }; at: { value: number }; line: { value: number }; last: { value: number };
}

/** input bytes copied at a time (to the last whole line in it) */
const WINDOW = 1 << 20;

let compiled: object | null | undefined;
function module(): object | null {
  if (compiled === undefined) compiled = compileWasm(LEAN_SCAN_WASM);
  return compiled;
}

export class WasmTickScanner implements TickScanner {
  readonly #e: Exports;
  readonly #b: Buffer;
  readonly #day: number;
  readonly #js: JsTickScanner;
  #ws = 0; // the window: bytes [ws, we) of the data at IN
  #we = 0;
  #i = IN; // the next row, in memory
  #line = 0;
  #t = new Float64Array(0);
  #p = new Float64Array(0);
  #s = new Float64Array(0);
  #v = new Uint8Array(0);

  private constructor(e: Exports, b: Buffer, day: number, off: Float64Array) {
    this.#e = e; this.#b = b; this.#day = day;
    this.#js = new JsTickScanner(b);
    ensureMemory(e.memory, IN + WINDOW + 1024);
    this.#views();
    new Float64Array(e.memory.buffer, OFF, off.length).set(off);
  }

  /** `off`: the day's hour offsets (lean-parse.ts hourOffsets); null where the runtime rejects the module. */
  static create(b: Buffer, day: number, off: Float64Array): WasmTickScanner | null {
    const m = module();
    return m ? new WasmTickScanner(instantiate(m) as Exports, b, day, off) : null;
  }

  get pos(): number { return this.#ws + (this.#i - IN); }

  fill(sink: TickSink, rows: number, log: RowLog): boolean {
    const e = this.#e;
    while (sink.k < rows) {
      if (this.#i >= IN + (this.#we - this.#ws)) {
        if (this.#we >= this.#b.length) return true;
        this.#window();
      }
      if (sink.held) { this.#jsRow(sink, this.pos, this.#line, log); continue; }
      const n = e.scan(this.#i, IN + (this.#we - this.#ws), Math.min(CAP, rows - sink.k), CAP, this.#line, this.#day, sink.last);
      sink.take(this.#t, this.#p, this.#s, this.#v, n, e.last.value);
      log.stats.rowsRead += n;
      this.#line = e.line.value;
      const bad = e.bad.value;
      if (bad < 0) { this.#i = e.pos.value; continue; }
      const row = this.#ws + (e.pos.value - IN);
      if (bad === JS) { this.#jsRow(sink, row, this.#line - 1, log); continue; }
      log.stats.rowsRead++;
      this.#i = IN + (rejectTickRow(this.#b, row, this.#ws + (e.at.value - IN), bad, this.#line, log) - this.#ws);
    }
    return this.#i >= IN + (this.#we - this.#ws) && this.#we >= this.#b.length;
  }

  /** The row at byte `row` (`line` the line before it) read by the JS scanner. */
  #jsRow(sink: TickSink, row: number, line: number, log: RowLog): void {
    this.#js.seek(row, line);
    this.#js.fill(sink, Infinity, log, lineEnd(this.#b, row) + 1);
    this.#line = this.#js.line;
    this.#i = IN + (this.#js.pos - this.#ws);
  }

  /** The next window: from the end of the last to the end of the last whole line within WINDOW bytes. */
  #window(): void {
    const b = this.#b, s = this.#we;
    let end = Math.min(b.length, s + WINDOW);
    if (end < b.length) {
      const nl = b.lastIndexOf(10, end - 1);
      end = nl >= s ? nl + 1 : lineEnd(b, end) + 1; // a line longer than the window: the window grows
    }
    const before = this.#e.memory.buffer;
    ensureMemory(this.#e.memory, IN + (end - s));
    if (this.#e.memory.buffer !== before) this.#views();
    new Uint8Array(this.#e.memory.buffer, IN, end - s).set(b.subarray(s, end));
    this.#ws = s; this.#we = end; this.#i = IN;
  }

  /** Views of the output columns (again after the memory grew: the old buffer is detached). */
  #views(): void {
    const m = this.#e.memory.buffer;
    this.#t = new Float64Array(m, 0, CAP);
    this.#p = new Float64Array(m, CAP * 8, CAP);
    this.#s = new Float64Array(m, CAP * 16, CAP);
    this.#v = new Uint8Array(m, CAP * 24, CAP);
  }
}
