// Frames that carry typed-array columns (`bars.range`, `indicators.range`) as binary WebSocket messages
// (issue 17 point 2): the frame's JSON with every Float64Array replaced by {"$f64": its index}, then
// the arrays' raw bytes, each at a multiple of 8 so the receiver views them in place (no copy, no
// base64). Layout: u32 little-endian head length; the head (UTF-8): a line {"lengths": [...]} and the
// JSON; zero padding to a multiple of 8; the arrays in index order. Little-endian bytes, as every platform the app runs on stores them.
// Frames without typed arrays stay JSON text. Electron IPC needs none of this: structured clone
// carries typed arrays as they are.

const KEY = '$f64';

/** The frame as JSON text, or as a binary message when it holds Float64Arrays. */
export function encodeFrame(frame: unknown): string | Uint8Array {
  const arrays: Float64Array[] = [];
  const json = JSON.stringify(frame, (_k, v: unknown) => {
    if (!(v instanceof Float64Array)) return v;
    arrays.push(v);
    return { [KEY]: arrays.length - 1 };
  });
  if (arrays.length === 0) return json;
  // the JSON names each array by its index; a first line gives their lengths, in order after the head
  const head = new TextEncoder().encode(`${JSON.stringify({ lengths: arrays.map((a) => a.length) })}\n${json}`);
  let start = align8(4 + head.length);
  const out = new Uint8Array(start + arrays.reduce((s, a) => s + a.byteLength, 0));
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start);
    start += a.byteLength;
  }
  return out;
}

/** A binary message's frame, its arrays viewing `buf` in place. Throws on a malformed message. */
export function decodeFrame(buf: ArrayBuffer): unknown {
  const len = new DataView(buf).getUint32(0, true);
  const text = new TextDecoder().decode(new Uint8Array(buf, 4, len));
  const nl = text.indexOf('\n');
  const table = JSON.parse(text.slice(0, nl)) as { lengths: number[] };
  let at = align8(4 + len);
  const arrays = table.lengths.map((n) => { const a = new Float64Array(buf, at, n); at += n * 8; return a; });
  return JSON.parse(text.slice(nl + 1), (_k, v: unknown) => {
    if (v && typeof v === 'object' && KEY in v) {
      const a = arrays[(v as Record<string, number>)[KEY]!];
      if (!a) throw new Error('binary frame: an array index out of range');
      return a;
    }
    return v;
  });
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;
