// Puts edited values into an existing config.yaml text line by line, so the file keeps its
// comments, order and layout. Plain block mappings are handled; a one-line flow value (`fx_rates: {}`)
// and a block list (`instruments:` with `- symbol: …` items) are kept as they are but never patched
// (the form does not edit them). Anything else (block scalars, anchors, tabs, several documents, a key
// seen twice) returns null and the caller writes the whole file instead.
import { scalar } from './yaml-emit.ts';

interface KeyLine { index: number; indent: number; path: string; value: string; opaque?: true; end?: number }

const KEY = /^( *)([A-Za-z0-9_.-]+):(?: +(.*))?$/;
const UNSAFE = /^[[{|>&*!%@`]|^["'].*\\$/;
const FLOW_LINE = /^(\[[^\]\[{}]*\]|\{[^{}\[\]]*\})$/;
const ITEM = /^( *)- /;

/** The text with each `path` set to its value, or null when the text is not plain enough to patch. */
export function patchYaml(text: string, edits: readonly { path: string; value: unknown }[]): string | null {
  let lines = text.split('\n');
  for (const e of edits) {
    const next = patchOne(lines, e.path, e.value);
    if (!next) return null;
    lines = next;
  }
  return lines.join('\n');
}

function scan(lines: readonly string[]): KeyLine[] | null {
  const out: KeyLine[] = [];
  const stack: { indent: number; key: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/\t/.test(line) || /^(---|\.\.\.)/.test(line)) return null;
    const m = KEY.exec(stripComment(line));
    if (!m) return null;
    const indent = m[1]!.length;
    const value = (m[3] ?? '').trim();
    const flow = FLOW_LINE.test(value);
    if (UNSAFE.test(value) && !flow) return null;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const path = [...stack.map((s) => s.key), m[2]!].join('.');
    if (out.some((k) => k.path === path)) return null;
    const items = value === '' ? listEnd(lines, i, indent) : i;
    if (flow || items > i) {
      out.push({ index: i, indent, path, value: value || '[list]', opaque: true, end: items });
      i = items;
      continue;
    }
    out.push({ index: i, indent, path, value });
    if (value === '') stack.push({ indent, key: m[2]! });
  }
  return out;
}

/** The last line of a block list under the key at line `at` (its items: `- ` lines and deeper ones), or `at` if none. */
function listEnd(lines: readonly string[], at: number, indent: number): number {
  let end = at;
  let seen = false;
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = ITEM.exec(line);
    const ind = line.length - line.trimStart().length;
    if (!seen && !item) return at;
    if (item ? item[1]!.length < indent : ind <= indent) break;
    seen = true;
    end = i;
  }
  return end;
}

function patchOne(lines: string[], path: string, value: unknown): string[] | null {
  const keys = scan(lines);
  if (!keys) return null;
  const hit = keys.find((k) => k.path === path);
  if (hit) {
    if (hit.value === '' || hit.opaque) return null; // a mapping or a list, not a value
    const line = lines[hit.index]!;
    const comment = line.slice(stripComment(line).length);
    const key = line.slice(0, line.indexOf(':') + 1);
    return lines.with(hit.index, `${key} ${scalar(value)}${comment}`);
  }
  // Insert under the deepest ancestor mapping the text has (the document root at worst).
  const parts = path.split('.');
  let depth = parts.length - 1;
  let parent: KeyLine | undefined;
  while (depth > 0) {
    const p = parts.slice(0, depth).join('.');
    parent = keys.find((k) => k.path === p);
    if (parent) break;
    depth--;
  }
  if (parent && parent.value !== '') return null;
  const inBlock = parent ? keys.filter((k) => k.index > parent.index && k.path.startsWith(`${parent.path}.`)) : keys;
  const childIndent = parent ? (inBlock.find((k) => k.path.split('.').length === depth + 1)?.indent ?? parent.indent + 2) : 0;
  const last = inBlock[inBlock.length - 1];
  const after = last ? (last.end ?? last.index) : (parent?.index ?? lastContent(lines));
  const add = parts.slice(depth).map((k, j, rest) =>
    `${' '.repeat(childIndent + 2 * j)}${k}:${j === rest.length - 1 ? ` ${scalar(value)}` : ''}`);
  return [...lines.slice(0, after + 1), ...add, ...lines.slice(after + 1)];
}

function lastContent(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (!/^\s*$/.test(lines[i]!)) return i;
  return -1;
}

/** The line without a trailing ` # comment` (a `#` inside quotes is kept). */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) { if (c === quote) quote = null; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ')) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}
