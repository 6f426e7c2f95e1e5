// Turns the config's JSON schema (zod's `z.toJSONSchema(Config)`) into form groups and fields:
// one group per section (and per sub-section such as `indicators.mlmi`), each field with its
// input kind, bounds, step, default and a unit guessed from its name.
import { isTree, type Tree } from './tree.ts';

export interface Option { label: string; value: unknown }

export interface Field {
  path: string;
  key: string;
  label: string;
  /** list: a list or a mapping of free keys (instruments, risk.fx_rates), shown, edited in the YAML tab */
  input: 'number' | 'checkbox' | 'select' | 'text' | 'const' | 'list';
  integer: boolean;
  nullable: boolean;
  min: number | null;
  max: number | null;
  minExclusive: boolean;
  maxExclusive: boolean;
  step: number | 'any';
  options: readonly Option[];
  default: unknown;
  unit: string;
  /** a 0–1 fraction: the form also shows it as a percentage */
  fraction: boolean;
  description: string;
}

export interface Group {
  path: string;
  key: string;
  title: string;
  blurb: string;
  fields: Field[];
  groups: Group[];
}

const SECTIONS: Record<string, [string, string]> = {
  indicators: ['Indicators', 'MLMI, NW-RQK, FVG, LVN, MMD, ATR'],
  matrices: ['Feature matrices', 'window lengths in bars'],
  synergy: ['Synergy detector', 'Gate 1; 5m bars'],
  decision: ['Decision model', 'confidence gate'],
  risk: ['Risk engine', 'fractions are of account equity'],
  exec: ['Execution', 'simulated fills'],
  replay: ['Replay', ''],
  alerts: ['Alerts', 'health thresholds'],
  logging: ['Logging', ''],
  'indicators.mlmi': ['MLMI', 'kNN market index'],
  'indicators.nwrqk': ['NW-RQK', 'Nadaraya–Watson, rational quadratic kernel'],
  'indicators.fvg': ['FVG', 'fair value gaps'],
  'indicators.lvn': ['LVN', 'low-volume nodes'],
  'indicators.mmd': ['MMD', 'regime detection'],
  'indicators.atr': ['ATR', 'average true range'],
};

const UNITS: [RegExp, string][] = [
  [/_ms$/, 'ms'],
  [/_mb$/, 'MB'],
  [/_ticks$/, 'ticks'],
  [/_bars$|^window_|_window$|_lookback$|^lookback$|^period$|^max_age$|^max_bars_in_trade$/, 'bars'],
  [/_per_contract$/, '$/contract'],
  [/^account_equity$/, '$'],
  [/_contracts$/, 'contracts'],
  [/_positions$/, 'positions'],
  [/_per_day$/, 'trades'],
  [/_losses$/, 'losses'],
  [/_rr$/, 'R'],
  [/_atr$/, '× ATR'],
  [/_samples$/, 'samples'],
  [/_files$/, 'files'],
];

const BIG = Number.MAX_SAFE_INTEGER;

export function buildForm(schema: Tree): Group {
  return group(schema, schema, '', '');
}

/** Every field of a group and its sub-groups, in order. */
export function allFields(g: Group): Field[] {
  return [...g.fields, ...g.groups.flatMap(allFields)];
}

function group(root: Tree, node: Tree, path: string, key: string): Group {
  const [title, blurb] = SECTIONS[path] ?? [humanize(key), ''];
  const g: Group = { path, key, title, blurb, fields: [], groups: [] };
  const props = isTree(node.properties) ? node.properties : {};
  for (const [k, raw] of Object.entries(props)) {
    const child = resolve(root, raw);
    const p = path ? `${path}.${k}` : k;
    if (child.type === 'object' && isTree(child.properties)) g.groups.push(group(root, child, p, k));
    else g.fields.push(field(root, child, p, k));
  }
  return g;
}

function resolve(root: Tree, raw: unknown): Tree {
  if (!isTree(raw)) return {};
  const ref = raw.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return raw;
  let cur: unknown = root;
  for (const part of ref.slice(2).split('/')) cur = isTree(cur) ? cur[part] : undefined;
  const { $ref: _, ...rest } = raw;
  return isTree(cur) ? { ...cur, ...rest } : rest;
}

function field(root: Tree, node: Tree, path: string, key: string): Field {
  let n = node;
  let nullable = false;
  let options: Option[] = [];
  const alts = Array.isArray(n.anyOf) ? n.anyOf.map((a) => resolve(root, a)) : null;
  if (alts) {
    const rest = alts.filter((a) => a.type !== 'null');
    nullable = rest.length < alts.length;
    if (rest.length === 1) n = { ...rest[0], default: n.default, description: n.description };
    else if (rest.every((a) => 'const' in a)) options = rest.map((a) => ({ label: String(a.const), value: a.const }));
  }
  if (Array.isArray(n.type) && n.type.includes('null')) {
    nullable = true;
    n = { ...n, type: n.type.find((t: unknown) => t !== 'null') };
  }
  if (Array.isArray(n.enum)) options = n.enum.map((v: unknown) => ({ label: String(v), value: v }));
  const integer = n.type === 'integer';
  const numeric = integer || n.type === 'number';
  const min = bound(n.minimum, n.exclusiveMinimum);
  const max = bound(n.maximum, n.exclusiveMaximum);
  const fraction = numeric && !integer && min.v === 0 && max.v === 1;
  const input: Field['input'] = n.type === 'array' || n.type === 'object' ? 'list'
    : options.length > 0 ? 'select'
    : 'const' in n ? 'const'
    : n.type === 'boolean' ? 'checkbox'
    : numeric ? 'number' : 'text';
  return {
    path, key, label: humanize(key), input, integer, nullable, options,
    min: min.v, max: max.v, minExclusive: min.ex, maxExclusive: max.ex,
    step: integer ? 1 : stepFor(node.default ?? n.default),
    default: node.default ?? n.default,
    unit: fraction ? 'fraction' : (UNITS.find(([re]) => re.test(key))?.[1] ?? ''),
    fraction,
    description: typeof n.description === 'string' ? n.description : '',
  };
}

function bound(inclusive: unknown, exclusive: unknown): { v: number | null; ex: boolean } {
  if (typeof exclusive === 'number') return { v: exclusive, ex: true };
  if (typeof inclusive === 'number' && Math.abs(inclusive) < BIG) return { v: inclusive, ex: false };
  return { v: null, ex: false };
}

/** A step one decade below the default's magnitude (0.01 → 0.001), at most 1. */
function stepFor(d: unknown): number | 'any' {
  if (typeof d !== 'number' || d === 0 || !Number.isFinite(d)) return 'any';
  const e = Math.floor(Math.log10(Math.abs(d))) - 1;
  return e >= 0 ? 1 : Number(`1e${e}`);
}

const ACRONYMS = new Set(['atr', 'rr', 'ma', 'rsi', 'mlmi', 'nwrqk', 'fvg', 'lvn', 'mmd', 'ha', 'mb', 'ms', 'pct']);

/** `stop_atr` → `Stop ATR`, `source30` → `Source 30`. */
export function humanize(key: string): string {
  const words = key.replace(/([a-z]{2,})(\d)/g, '$1 $2').split('_').map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The allowed range as text: `0 – 1`, `> 0`, `≥ 2`. */
export function rangeText(f: Field): string {
  const lo = f.min === null ? '' : `${f.minExclusive ? '>' : '≥'} ${f.min}`;
  const hi = f.max === null ? '' : `${f.maxExclusive ? '<' : '≤'} ${f.max}`;
  if (f.min !== null && f.max !== null && !f.minExclusive && !f.maxExclusive) return `${f.min} – ${f.max}`;
  return [lo, hi].filter(Boolean).join(', ');
}
