// Walks the zod config schema: its leaf key paths (for env names, sources, diffs) and a strict
// copy of it (unknown keys rejected) for validating user input. DEFAULT_CONFIG is untouched.
import { z } from '../../../src-shared/zod.ts';
import { Config } from '../../../src-shared/config.ts';

type Any = z.ZodType;
type Wrapper = { def: { type: string; innerType: Any; defaultValue?: unknown } };

const WRAPPERS = new Set(['prefault', 'default', 'nullable', 'optional']);

/** The schema under default/prefault/nullable/optional wrappers. */
export function unwrap(s: Any): Any {
  let cur = s;
  while (WRAPPERS.has(cur.def.type)) cur = (cur as unknown as Wrapper).def.innerType;
  return cur;
}

function isObject(s: Any): s is z.ZodObject {
  return s.def.type === 'object';
}

/** Dotted paths of every leaf key, in schema order: `version`, `indicators.mlmi.k`, … */
export function leafPaths(schema: Any = Config): string[] {
  const out: string[] = [];
  const walk = (s: Any, prefix: string) => {
    const inner = unwrap(s);
    if (!isObject(inner)) { out.push(prefix); return; }
    for (const [k, v] of Object.entries(inner.shape)) walk(v as Any, prefix ? `${prefix}.${k}` : k);
  };
  walk(schema, '');
  return out;
}

/** The keys an object node at `path` (dotted, '' = root; `instruments.0.commission`) allows, or null when it is not an object. */
export function keysAt(path: string, schema: Any = Config): string[] | null {
  let cur = unwrap(schema);
  for (const seg of path ? path.split('.') : []) {
    if (cur.def.type === 'array' && /^\d+$/.test(seg)) { cur = unwrap((cur as z.ZodArray<Any>).element); continue; }
    if (!isObject(cur)) return null;
    const next = (cur.shape as Record<string, Any>)[seg];
    if (!next) return null;
    cur = unwrap(next);
  }
  // a union of objects (a commission model): the keys of every option
  if (cur.def.type === 'union') {
    const keys = (cur as unknown as { def: { options: Any[] } }).def.options.flatMap((o) => (isObject(unwrap(o)) ? Object.keys((unwrap(o) as z.ZodObject).shape) : []));
    return [...new Set(keys)];
  }
  return isObject(cur) ? Object.keys(cur.shape) : null;
}

/**
 * A copy of the schema in which every object refuses unknown keys, also inside lists, mappings of free
 * keys and unions (an `instruments:` entry with a typo is refused, not stripped); wrappers are rebuilt.
 */
export function strictSchema(s: Any): Any {
  const t = s.def.type;
  if (t === 'object') {
    const shape = Object.fromEntries(Object.entries((s as z.ZodObject).shape).map(([k, v]) => [k, strictSchema(v as Any)]));
    return z.strictObject(shape);
  }
  if (t === 'array') return z.array(strictSchema((s as z.ZodArray<Any>).element));
  if (t === 'record') {
    const r = s as unknown as { def: { keyType: z.ZodString; valueType: Any } };
    return z.record(r.def.keyType, strictSchema(r.def.valueType));
  }
  if (t === 'union') {
    const u = s as unknown as { def: { options: Any[]; discriminator?: string } };
    const options = u.def.options.map(strictSchema) as [z.ZodObject, ...z.ZodObject[]];
    return u.def.discriminator ? z.discriminatedUnion(u.def.discriminator, options) : z.union(options);
  }
  if (!WRAPPERS.has(t)) return s;
  const def = (s as unknown as Wrapper).def;
  const inner = strictSchema(def.innerType);
  if (t === 'prefault') return inner.prefault(def.defaultValue as never);
  if (t === 'default') return inner.default(def.defaultValue as never);
  if (t === 'nullable') return inner.nullable();
  return inner.optional();
}

export const StrictConfig = strictSchema(Config) as unknown as typeof Config;

/** Value at a dotted path of a plain object, or undefined. */
export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) { cur = cur[Number(seg)]; continue; }
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    if (!Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function hasPath(obj: unknown, path: string): boolean {
  const parts = path.split('.');
  const last = parts.pop()!;
  const parent = parts.length ? getPath(obj, parts.join('.')) : obj;
  return typeof parent === 'object' && parent !== null && !Array.isArray(parent) && Object.hasOwn(parent, last);
}

/** Sets a dotted path in a plain object, creating (or replacing non-object) parents. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop()!;
  let cur = obj;
  for (const seg of parts) {
    const next = cur[seg];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cur[seg] = {};
    cur = cur[seg] as Record<string, unknown>;
  }
  cur[last] = value;
}
