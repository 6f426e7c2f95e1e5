// Decoding `bars.range` answers (src-shared/ipc-chart.ts): one base64 string per column holding a
// little-endian Float64Array's bytes. Uint8Array.fromBase64 where the engine has it (Chromium ≥ 140),
// else atob.
import type { RangeColumns } from '../../../src-shared/ipc-chart.ts';

type FromBase64 = { fromBase64?: (s: string) => Uint8Array };

export function decodeF64(b64: string): Float64Array {
  const native = (Uint8Array as unknown as FromBase64).fromBase64;
  let bytes: Uint8Array;
  if (native) {
    bytes = native(b64);
  } else {
    const bin = atob(b64);
    bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

export function decodeColumns(cols: Record<keyof RangeColumns, string>): RangeColumns {
  return { t: decodeF64(cols.t), o: decodeF64(cols.o), h: decodeF64(cols.h), l: decodeF64(cols.l), c: decodeF64(cols.c), v: decodeF64(cols.v) };
}
