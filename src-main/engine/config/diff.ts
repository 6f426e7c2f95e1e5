// Leaf-level difference of two configs (or any plain JSON objects): what the change record keeps.
export interface DiffEntry { path: string; from: unknown; to: unknown }

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function diffConfig(a: unknown, b: unknown, prefix = ''): DiffEntry[] {
  if (isPlain(a) && isPlain(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
    return keys.flatMap((k) => diffConfig(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  // `undefined` does not survive JSON: a key that appears or disappears reads as null.
  return [{ path: prefix, from: a ?? null, to: b ?? null }];
}
