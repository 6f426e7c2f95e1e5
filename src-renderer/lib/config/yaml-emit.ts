// A tiny YAML emitter for a config tree (nested maps of numbers, strings, booleans and null). The
// renderer has no YAML library and needs none: the engine parses the text with a real parser,
// so the output only has to be plain, unambiguous YAML (block maps, quoted strings when needed).
import { isTree, type Tree } from './tree.ts';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

export function toYaml(doc: Tree, comments: readonly string[] = []): string {
  const out = comments.map((c) => `# ${c}`);
  emitMap(doc, 0, out);
  return `${out.join('\n')}\n`;
}

function emitMap(m: Tree, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  for (const [k, v] of Object.entries(m)) {
    if (v === undefined) continue;
    if (isTree(v) && Object.keys(v).length > 0) {
      out.push(`${pad}${str(k)}:`);
      emitMap(v, depth + 1, out);
    } else {
      out.push(`${pad}${str(k)}: ${scalar(v)}`);
    }
  }
}

export function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) return `[${v.map(scalar).join(', ')}]`;
  if (isTree(v)) return `{${Object.entries(v).map(([k, x]) => `${str(k)}: ${scalar(x)}`).join(', ')}}`;
  return str(String(v));
}

function num(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  const s = String(n);
  // YAML 1.1 readers want a dot in a float with an exponent: 1e-7 → 1.0e-7
  return /e/i.test(s) && !s.includes('.') ? s.replace(/e/i, '.0e') : s;
}

function str(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
}
