// The config file: `config.yaml` beside the database, created from SPEC's defaults on first start.
// Parsing returns problems (line, column) for YAML syntax errors and a line lookup for schema problems.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, stringify, type Document } from 'yaml';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import type { Problem } from '../../../src-shared/result.ts';

export const CONFIG_FILE = 'config.yaml';

export function configPathFor(dbPath: string): string {
  return join(dirname(dbPath), CONFIG_FILE);
}

const HEADER = `# AlgoSpace Workstation configuration (SPEC's parameters).
# Edit here or in the app's config editor; a valid change applies without a restart,
# an invalid one is refused with the reason and the previous config stays in force.
# A key left out takes its default. ALGOSPACE_<SECTION>_<KEY> environment variables
# (e.g. ALGOSPACE_RISK_RISK_PER_TRADE=0.02) override single keys.
`;

/** The text written on first start: a short header, then every key with its default. */
export function defaultYaml(): string {
  return `${HEADER}\n${stringify(DEFAULT_CONFIG)}`;
}

/** Write via a temp file and rename, so a reader (or a crash) never sees half a file. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, 'utf8');
  renameSync(tmp, path);
}

/**
 * Bounds on a config file (issue 16): a config is a few kilobytes; a huge one, or one of a few hundred
 * bytes whose aliases expand into gigabytes ("billion laughs"), is refused before it is expanded.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_CONFIG_ALIASES = 100;
/** nesting levels: flow brackets, or indentation (2 columns a level); SPEC's config nests 4 deep */
export const MAX_CONFIG_DEPTH = 64;

/** How deep the text nests, counted before parsing (a deep file overflows the parser's stack). */
export function nestingDepth(text: string): number {
  let flow = 0, maxFlow = 0, maxIndent = 0, indent = 0, lineStart = true, quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') { lineStart = true; indent = 0; quote = ''; continue; }
    if (lineStart) {
      if (c === ' ' || c === '-') { indent++; maxIndent = Math.max(maxIndent, indent); continue; }
      lineStart = false;
    }
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') { while (i + 1 < text.length && text[i + 1] !== '\n') i++; }
    else if (c === '[' || c === '{') maxFlow = Math.max(maxFlow, ++flow);
    else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
  }
  return Math.max(maxFlow, Math.ceil(maxIndent / 2));
}

/** The config file's text, or why it cannot be read: a regular file of at most MAX_CONFIG_BYTES (never a FIFO, which would block). */
export function readConfigText(path: string): { ok: true; text: string } | { ok: false; problem: Problem } {
  const bad = (code: string, message: string, expected: string, got: string) => ({ ok: false as const, problem: { code, message: `${path}: ${message}`, expected, got } });
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    return bad('config-unreadable', `cannot read the config (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'a readable file', (e as NodeJS.ErrnoException).code ?? 'error');
  }
  if (!st.isFile()) return bad('config-not-a-file', 'the config is not a regular file', 'a regular file', st.isDirectory() ? 'a directory' : 'a device, FIFO or socket');
  if (st.size > MAX_CONFIG_BYTES) return bad('config-too-large', `the config is ${st.size.toLocaleString('en-US')} bytes`, `at most ${MAX_CONFIG_BYTES.toLocaleString('en-US')} bytes`, `${st.size} bytes`);
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    return bad('config-unreadable', `cannot read the config (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'a readable file', (e as NodeJS.ErrnoException).code ?? 'error');
  }
}

/** The file's text; written from the defaults first when it does not exist; `problem`: it exists but cannot be used (text ''). */
export function readOrCreate(path: string): { text: string; created: boolean; problem?: Problem } {
  if (!existsSync(path)) {
    const text = defaultYaml();
    writeAtomic(path, text);
    return { text, created: true };
  }
  const read = readConfigText(path);
  if (!read.ok) return { text: '', created: false, problem: read.problem };
  const text = read.text;
  const upgraded = upgradeYaml(text);
  if (upgraded !== text) writeAtomic(path, upgraded);
  return { text: upgraded, created: false };
}

/**
 * Values earlier versions wrote as defaults that are refused now, replaced by today's default with a
 * comment that says why (the trader sees it in the YAML tab), so an upgrade keeps every other setting.
 * decision.rule_threshold 0 let every synergy through the rule path (issue 12 requires a real one).
 */
export function upgradeYaml(text: string): string {
  const rule = DEFAULT_CONFIG.decision.rule_threshold;
  return text.replace(/^(\s+rule_threshold:\s*)0(?:\.0*)?[ \t]*$/m,
    `$1${rule} # was 0, which let every synergy through the rule path; 0 is refused since this version`);
}

export interface ParsedYaml {
  /** the plain JS value; {} for an empty document */
  value: unknown;
  problems: Problem[];
  /** 1-based line of the key at a path (array of keys), when the text has it */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function parseYaml(text: string): ParsedYaml {
  const refused = (code: string, message: string, expected: string, got: string): ParsedYaml =>
    ({ value: undefined, problems: [{ code, message, expected, got }], lineOf: () => undefined });
  if (text.length > MAX_CONFIG_BYTES) return refused('config-too-large', `the config is ${text.length.toLocaleString('en-US')} characters`, `at most ${MAX_CONFIG_BYTES.toLocaleString('en-US')}`, `${text.length}`);
  // counted before parsing: expanding them is the attack
  const aliases = text.match(/(?:^|[\s,[{:-])\*[^\s,\]}]+/g)?.length ?? 0;
  if (aliases > MAX_CONFIG_ALIASES) return refused('config-aliases', `the config uses ${aliases} aliases (*name)`, `at most ${MAX_CONFIG_ALIASES}`, `${aliases}`);
  const depth = nestingDepth(text);
  if (depth > MAX_CONFIG_DEPTH) return refused('config-depth', `the config nests ${depth} levels deep`, `at most ${MAX_CONFIG_DEPTH} levels`, `${depth}`);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    // One error follows from another on the same line: report the first.
    if (problems.some((p) => p.line === pos.line)) continue;
    const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push({
      code: 'config-syntax', message: `line ${pos.line}, column ${pos.col}: ${what}`,
      line: pos.line, expected: 'valid YAML', got: e.code,
    });
  }
  let value: unknown;
  try {
    value = problems.length ? undefined : (doc.toJS({ maxAliasCount: MAX_CONFIG_ALIASES }) ?? {});
  } catch (e) {
    return refused('config-aliases', `the config's aliases expand too far (${(e as Error).message})`, 'aliases that expand to a small config', 'an alias expansion');
  }
  return { value, problems, lineOf: (path) => lineOf(doc, lc, path) };
}

function lineOf(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined = node && isMap(node) && node.range ? lc.linePos(node.range[0]).line : undefined;
  for (const seg of path) {
    // an entry of a list (`instruments.2.tick_size`): its first line, then its keys
    if (isSeq(node)) {
      const item = node.items[Number(seg)] as { range?: [number, number, number] } | undefined;
      if (!item) return line;
      if (item.range) line = lc.linePos(item.range[0]).line;
      node = item;
      continue;
    }
    if (!isMap(node)) return line;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
    if (!pair) return line;
    const key = pair.key as { range?: [number, number, number] };
    if (key.range) line = lc.linePos(key.range[0]).line;
    node = pair.value;
  }
  return line;
}
