// Validates a parsed config against the strict schema and turns every zod issue into a Problem
// with the dotted key path in `field`, a message a user can act on, and expected/got filled in.
import type { z } from '../../../src-shared/zod.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { Problem } from '../../../src-shared/result.ts';
import { isValidZone } from '../../../src-shared/time.ts';
import { StrictConfig, getPath, keysAt } from './schema-paths.ts';

export type Validated = { ok: true; config: Config } | { ok: false; problems: Problem[] };
export type LineOf = (path: readonly PropertyKey[]) => number | undefined;

export function validateConfig(value: unknown, lineOf?: LineOf): Validated {
  const r = StrictConfig.safeParse(value);
  if (!r.success) return { ok: false, problems: r.error.issues.flatMap((i) => issueProblems(i, value, lineOf)) };
  const problems = instrumentProblems(r.data, lineOf);
  return problems.length ? { ok: false, problems } : { ok: true, config: r.data };
}

/** What the schema cannot say about `instruments:`: a real time zone, one entry per symbol. */
function instrumentProblems(c: Config, lineOf?: LineOf): Problem[] {
  const out: Problem[] = [];
  c.instruments.forEach((u, i) => {
    const line = lineOf?.(['instruments', i]);
    const at = (key: string, code: string, message: string, expected: string, got: string): Problem =>
      ({ code, message: `instruments.${i}.${key}: ${message}`, field: `instruments.${i}.${key}`, ...(line !== undefined ? { line } : {}), expected, got });
    if (!isValidZone(u.exchange_tz)) out.push(at('exchange_tz', 'config-bad-zone', `unknown time zone ${JSON.stringify(u.exchange_tz)}`, 'an IANA zone such as America/Chicago', u.exchange_tz));
    if (c.instruments.findIndex((x) => x.symbol === u.symbol) < i) out.push(at('symbol', 'config-duplicate', `${u.symbol} is defined twice`, 'one entry per symbol', u.symbol));
  });
  return out;
}

/** How a value reads in a message: strings quoted, mappings and lists named. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number', int: 'an integer', boolean: 'true or false', string: 'a text', object: 'a mapping of keys',
};

function issueProblems(issue: z.core.$ZodIssue, input: unknown, lineOf?: LineOf): Problem[] {
  const path = issue.path.map(String);
  const field = path.join('.');
  const got = describe(field ? getPath(input, field) : input);
  const line = lineOf?.(issue.path);
  const at = (f: string, code: string, what: string, expected: string, g = got): Problem => ({
    code, message: f ? `${f}: ${what}` : what, ...(f ? { field: f } : {}), ...(line !== undefined ? { line } : {}), expected, got: g,
  });
  switch (issue.code) {
    case 'invalid_type': {
      const v = field ? getPath(input, field) : input;
      if (issue.expected === 'int') return [at(field, 'config-not-integer', `must be an integer, got ${got}`, 'an integer')];
      if (issue.expected === 'number' && typeof v === 'number') {
        return [at(field, 'config-not-finite', `must be a finite number, got ${got}`, 'a finite number')];
      }
      if (!field) return [at('', 'config-type', `the config must be a mapping of sections (indicators, risk, …), got ${got}`, 'a mapping')];
      const want = TYPE_WORDS[issue.expected] ?? issue.expected;
      const what = v === undefined ? `is missing (must be ${want})` : `must be ${want}, got ${got}`;
      return [at(field, 'config-type', what, want)];
    }
    case 'too_small': {
      const op = issue.inclusive ? '≥' : '>';
      return [at(field, 'config-too-small', `must be ${op} ${String(issue.minimum)}, got ${got}`, `${op} ${String(issue.minimum)}`)];
    }
    case 'too_big': {
      const op = issue.inclusive ? '≤' : '<';
      return [at(field, 'config-too-big', `must be ${op} ${String(issue.maximum)}, got ${got}`, `${op} ${String(issue.maximum)}`)];
    }
    case 'invalid_value':
      return [enumProblem(at, field, issue.values, got)];
    case 'invalid_union': {
      // A union of literals (replay.default_speed): list every allowed value.
      const values = issue.errors.flat().flatMap((e) => (e.code === 'invalid_value' ? e.values : []));
      if (values.length) return [enumProblem(at, field, values, got)];
      break;
    }
    case 'unrecognized_keys': {
      const allowed = keysAt(field) ?? [];
      return issue.keys.map((k) => {
        const f = field ? `${field}.${k}` : k;
        // in a union (a commission model) the key may belong to another kind
        const near = closest(k, allowed.filter((a) => a !== k));
        const hint = allowed.includes(k) ? ' for this kind' : near ? ` (did you mean '${near}'?)` : '';
        const l = lineOf?.([...issue.path, k]);
        return {
          code: 'config-unknown-key', message: `${f}: unknown key${hint}`, field: f, ...(l !== undefined ? { line: l } : {}),
          expected: `one of ${allowed.join(', ')}`, got: k,
        };
      });
    }
    case 'invalid_key': {
      // a mapping of free keys (risk.fx_rates): the key is the problem, not its value
      const key = path.pop() ?? '';
      const inner = issue.issues[0]?.message;
      return [at(path.join('.'), 'config-bad-key', `'${key}' is not an allowed key${inner ? `: ${inner}` : ''}`, 'a valid key', key)];
    }
    default:
      break;
  }
  return [at(field, 'config-invalid', issue.message, 'a valid value')];
}

type At = (f: string, code: string, what: string, expected: string) => Problem;
const lit = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));

function enumProblem(at: At, field: string, values: readonly unknown[], got: string): Problem {
  const list = values.map(lit).join(', ');
  const what = values.length === 1 ? `must be ${list}, got ${got}` : `must be one of ${list}, got ${got}`;
  return at(field, 'config-enum', what, values.length === 1 ? list : `one of ${list}`);
}

/** The allowed key nearest to a typo (edit distance ≤ 2), if any. */
export function closest(word: string, options: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const o of options) {
    const d = distance(word.toLowerCase(), o);
    if (d < bestD) { best = o; bestD = d; }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
