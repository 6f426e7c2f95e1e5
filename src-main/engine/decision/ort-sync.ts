// A synchronous run of an ONNX model on the calling thread. onnxruntime-node's public run() is the
// same native call wrapped in setImmediate: awaiting it hands the thread to the event loop, where
// V8's pending GC tasks and anything else queued run first — measured as 5–20 ms outliers in the
// bar close → decision latency on a 2-core machine, against ~0.3 ms for the inference itself.
// This opens a second native session on onnxruntime-node's own binding (dist/binding.js, the module
// its backend uses) and calls run() directly. The binding is internal to the package: when it is not
// where this expects it, null is returned and the caller keeps the public async API.
import { createRequire } from 'node:module';

export interface SyncSession {
  /** outputs by name: { type, dims, data } as the binding returns them */
  run(feeds: Record<string, unknown>, fetches: Record<string, null>): Record<string, { data: ArrayLike<number> }>;
  dispose?(): void;
}

interface Binding {
  binding: { InferenceSession: new () => SyncSession & { loadModel(buf: ArrayBufferLike, offset: number, length: number, options: object): void } };
  initOrt(): void;
}

export function openSyncSession(bytes: Uint8Array, options: object): SyncSession | null {
  let b: Binding;
  try {
    b = createRequire(import.meta.url)('onnxruntime-node/dist/binding') as Binding;
  } catch {
    return null;
  }
  if (typeof b?.initOrt !== 'function' || typeof b.binding?.InferenceSession !== 'function') return null;
  try {
    b.initOrt();
    const s = new b.binding.InferenceSession();
    s.loadModel(bytes.buffer, bytes.byteOffset, bytes.byteLength, options);
    return s;
  } catch {
    return null;
  }
}
