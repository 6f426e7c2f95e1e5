// A config is a plain tree of numbers, strings, booleans and null. Edits replace the path they
// touch and share the rest (the draft is `$state.raw`, never mutated in place).
export type Tree = { [key: string]: unknown };

export function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a dotted path (`risk.risk_per_trade`), or undefined. */
export function getIn(t: unknown, path: string): unknown {
  let cur: unknown = t;
  for (const k of path.split('.')) {
    if (!isTree(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** A copy of `t` with `path` set to `v`; missing objects on the way are created. */
export function setIn(t: Tree, path: string, v: unknown): Tree {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return t;
  if (rest.length === 0) return { ...t, [head]: v };
  const child = isTree(t[head]) ? t[head] : {};
  return { ...t, [head]: setIn(child, rest.join('.'), v) };
}

/** Leaf equality (primitives; arrays and objects compared by their JSON). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
