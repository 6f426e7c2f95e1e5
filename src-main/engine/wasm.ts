// WebAssembly modules of the engine (the MMD kernel sums, the LEAN tick scanner): compiling a module
// from its base64 bytes, instantiating it, growing its memory.

// The node typings of this project (lib ES2023, no DOM) do not declare WebAssembly: the little we use.
export interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The module of base64 bytes, or null where the runtime rejects it (e.g. no SIMD / relaxed SIMD for MMD's). */
export function compileWasm(base64: string): object | null {
  try {
    return new WA.Module(Buffer.from(base64, 'base64'));
  } catch {
    return null;
  }
}

/** A fresh instance's exports (each has its own memory). */
export const instantiate = (m: object): unknown => new WA.Instance(m, {}).exports;

/** Grow `memory` to at least `bytes`. */
export function ensureMemory(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
}
