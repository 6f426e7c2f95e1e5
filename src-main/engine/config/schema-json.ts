// The config's JSON Schema (from the zod schema) for the editor form: groups, types, defaults, bounds.
import { z } from '../../../src-shared/zod.ts';
import { StrictConfig } from './schema-paths.ts';

let cached: Record<string, unknown> | null = null;

export function configJsonSchema(): Record<string, unknown> {
  cached ??= tidy(z.toJSONSchema(StrictConfig, { io: 'input', unrepresentable: 'any' })) as Record<string, unknown>;
  return cached;
}

/** Drops the safe-integer bounds zod adds to every int: they say nothing to a user. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'maximum' && v === Number.MAX_SAFE_INTEGER) || (k === 'minimum' && v === Number.MIN_SAFE_INTEGER)) continue;
    out[k] = tidy(v);
  }
  return out;
}
