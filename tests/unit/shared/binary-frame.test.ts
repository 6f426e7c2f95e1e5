// The WebSocket's binary frames (src-shared/binary-frame.ts): typed-array columns cross as raw bytes,
// bit for bit (NaN, −0, ±Infinity included), each viewed in place at a multiple of 8; a view encodes
// only its own values; the JSON around them (multi-byte text included) comes back equal; a frame
// without arrays stays JSON text; a broken message throws instead of handing over wrong columns.
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../../src-shared/binary-frame.ts';

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
const toBuffer = (u: Uint8Array): ArrayBuffer => u.slice().buffer;

describe('binary frames', () => {
  it('round-trips nested columns bit for bit, each aligned and viewed in place', () => {
    const big = new Float64Array(10);
    for (let i = 0; i < 10; i++) big[i] = i * 1.1;
    const frame = {
      type: 'result', id: 3, note: 'Zürich → 東京 ✓',
      res: { ok: true, value: {
        n: 3, cols: { t: Float64Array.of(1.5, -0, NaN), o: Float64Array.of(Infinity, -Infinity, 5e-324), empty: new Float64Array(0) },
        frames: [{ t: big.subarray(3, 6), cols: { atr: Float64Array.of(0.25) } }],
      } },
    };
    const sent = encodeFrame(frame);
    expect(sent).toBeInstanceOf(Uint8Array);
    const buf = toBuffer(sent as Uint8Array);
    const got = decodeFrame(buf) as typeof frame;
    const arrays = [got.res.value.cols.t, got.res.value.cols.o, got.res.value.cols.empty, got.res.value.frames[0]!.t, got.res.value.frames[0]!.cols.atr];
    const want = [frame.res.value.cols.t, frame.res.value.cols.o, frame.res.value.cols.empty, big.subarray(3, 6), Float64Array.of(0.25)];
    arrays.forEach((a, i) => {
      expect(a).toBeInstanceOf(Float64Array);
      expect(a.buffer).toBe(buf); // a view, not a copy
      expect(a.byteOffset % 8).toBe(0);
      expect(bits(a)).toBe(bits(want[i]!));
    });
    expect(Object.is(got.res.value.cols.t[1], -0)).toBe(true);
    expect(got.note).toBe(frame.note);
    expect({ ...got, res: null }).toEqual({ ...frame, res: null });
    // 8 bytes a value and a short head: 5 + 3 + 3 + 1 values here
    expect((sent as Uint8Array).length).toBeLessThan(12 * 8 + 400);
  });

  it('a frame without typed arrays stays JSON text', () => {
    const frame = { type: 'event', topic: 'bars.appended', payload: { t: [1, 2], ok: true } };
    expect(encodeFrame(frame)).toBe(JSON.stringify(frame));
  });

  it('a broken message throws', () => {
    const sent = encodeFrame({ a: Float64Array.of(1, 2, 3) }) as Uint8Array;
    expect(() => decodeFrame(toBuffer(sent.subarray(0, sent.length - 8)))).toThrow(); // an array cut short
    const head = new TextEncoder().encode('{"lengths":[1]}\n{"a":{"$f64":4}}');
    const bad = new Uint8Array(8 + head.length + 8);
    new DataView(bad.buffer).setUint32(0, head.length, true);
    bad.set(head, 4);
    expect(() => decodeFrame(bad.buffer)).toThrow(/out of range/);
  });
});
