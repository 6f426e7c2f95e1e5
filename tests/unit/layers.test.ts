// The layers of ARCHITECTURE.md, kept by `npm test`:
// - import boundaries: dependency-cruiser with .dependency-cruiser.cjs (the same run as `npm run lint:layers`);
// - what an import graph cannot see, read from the syntax tree (TypeScript's parser, so comments never
//   count): SQL only under src-main/store; transport names only from src-shared/ipc.ts; no test-runner
//   branches in production code; no source file over 400 lines.
// Each check lists every violation (file:line) in its failure message.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { commandNames, eventTopics, FRAME, IPC_CHANNEL, WORKER_CONTROL } from '../../src-shared/ipc.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['src-main', 'src-shared', 'src-renderer'];
const MAX_LINES = 400;

// ── source files and their string literals ──

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...walk(rel));
    else out.push(rel);
  }
  return out;
}
const allFiles = SOURCE_DIRS.flatMap(walk).sort();
const codeFiles = allFiles.filter((f) => /\.(ts|svelte)$/.test(f) && !f.endsWith('.d.ts'));

/** The script blocks of a .svelte file, everything else blanked (newlines kept, so lines match). */
function scriptText(file: string, text: string): string {
  if (!file.endsWith('.svelte')) return text;
  let out = text.replace(/[^\n]/g, ' ');
  for (const m of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
    const start = m.index + m[1]!.length;
    out = out.slice(0, start) + m[2]! + out.slice(start + m[2]!.length);
  }
  return out;
}

interface Parsed { file: string; sf: ts.SourceFile }
const parsedCache = new Map<string, Parsed>();
function parse(file: string): Parsed {
  let p = parsedCache.get(file);
  if (!p) {
    const text = scriptText(file, readFileSync(join(ROOT, file), 'utf8'));
    p = { file, sf: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS) };
    parsedCache.set(file, p);
  }
  return p;
}

const lineOf = (p: Parsed, n: ts.Node) => p.sf.getLineAndCharacterOfPosition(n.getStart(p.sf)).line + 1;
const inType = (n: ts.Node) => { for (let a = n.parent; a; a = a.parent) if (ts.isTypeNode(a)) return true; return false; };
const isModuleSpecifier = (n: ts.Node) => !!n.parent && (ts.isImportDeclaration(n.parent) || ts.isExportDeclaration(n.parent) || ts.isExternalModuleReference(n.parent));

/** String and template literals in value positions (not types, not import paths); a template's `${…}` reads as `?`. */
function literals(p: Parsed): { node: ts.Node; text: string; line: number }[] {
  const out: { node: ts.Node; text: string; line: number }[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && !inType(n) && !isModuleSpecifier(n)) {
      out.push({ node: n, text: n.text, line: lineOf(p, n) });
    } else if (ts.isTemplateExpression(n) && !inType(n)) {
      out.push({ node: n, text: n.head.text + n.templateSpans.map((s) => `?${s.literal.text}`).join(''), line: lineOf(p, n) });
    }
    ts.forEachChild(n, visit);
  };
  visit(p.sf);
  return out;
}

function eachNode(p: Parsed, fn: (n: ts.Node) => void): void {
  const visit = (n: ts.Node): void => { fn(n); ts.forEachChild(n, visit); };
  visit(p.sf);
}

// ── 1. import boundaries (dependency-cruiser) ──

interface CruiseViolation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}

describe('layers: import boundaries (.dependency-cruiser.cjs)', () => {
  it('no import crosses a layer boundary', () => {
    const bin = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
    const run = spawnSync(process.execPath, [bin, ...SOURCE_DIRS, '--config', '.dependency-cruiser.cjs', '--ignore-known', '--output-type', 'json'], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
    });
    let result: { summary: { violations: CruiseViolation[]; totalCruised: number; ruleSetUsed: { forbidden?: { name: string; comment?: string }[] } } };
    try { result = JSON.parse(run.stdout); } catch { throw new Error(`depcruise did not run (exit ${run.status}): ${run.stderr || run.error}`); }
    const comments = new Map((result.summary.ruleSetUsed.forbidden ?? []).map((r) => [r.name, r.comment ?? '']));
    const found = result.summary.violations.filter((v) => v.rule.severity === 'error' || v.rule.severity === 'warn');
    const lines = found.map((v) => `${v.rule.name}: ${v.from} → ${v.cycle?.length ? v.cycle.map((c) => c.name).join(' → ') : v.to}`);
    const why = [...new Set(found.map((v) => v.rule.name))].map((n) => `  ${n}: ${comments.get(n)}`).join('\n');
    expect(result.summary.totalCruised).toBeGreaterThan(100);
    expect(lines, `import boundary violations (npm run lint:layers):\n${why}\n`).toEqual([]);
  }, 120_000); // ~5 s alone; more on 2 busy cores

  it('the known-violations baseline holds nothing but existing import cycles', () => {
    // A layer rule cannot be switched off by baselining it; only cycles that predate the rule are parked there.
    const known = JSON.parse(readFileSync(join(ROOT, '.dependency-cruiser-known-violations.json'), 'utf8')) as CruiseViolation[];
    expect(known.filter((v) => v.rule.name !== 'no-circular').map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});

// ── 2. what the import graph cannot see ──

/** SQL statements in string literals (keywords upper case, as this code base writes SQL). Transaction control is not here: the engine batches writes. */
const SQL_PATTERNS = [
  /^\s*SELECT\s+\S/,
  /\bSELECT\s[\s\S]*?\sFROM\s+\w/,
  /\b(INSERT|REPLACE)\s+(OR\s+[A-Z]+\s+)?INTO\s+\w/,
  /\bUPDATE\s+\w+\s+SET\s/,
  /\bDELETE\s+FROM\s+\w/,
  /\b(CREATE|DROP|ALTER)\s+((TEMP|TEMPORARY|UNIQUE|VIRTUAL)\s+)?(TABLE|INDEX|VIEW|TRIGGER)\b/,
  /^\s*PRAGMA\s+\w/,
];
const isSql = (s: string) => SQL_PATTERNS.some((re) => re.test(s));

function calledMethod(n: ts.Node): string | null {
  return ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : null;
}

describe('layers: SQL only under src-main/store', () => {
  it('no SQL text, prepared statement or pragma outside src-main/store/', () => {
    const found = new Map<string, string[]>();
    const add = (where: string, what: string) => { found.set(where, [...(found.get(where) ?? []), what]); };
    for (const file of codeFiles.filter((f) => !f.startsWith('src-main/store/'))) {
      const p = parse(file);
      eachNode(p, (n) => {
        const m = calledMethod(n);
        // better-sqlite3's statement and pragma calls; `.exec` is also RegExp's, so it counts only with SQL text (below)
        if (m === 'prepare' || m === 'pragma') add(`${file}:${lineOf(p, n)}`, `.${m}(…)`);
      });
      for (const lit of literals(p)) if (isSql(lit.text)) add(`${file}:${lit.line}`, `SQL ${JSON.stringify(lit.text.trim().replace(/\s+/g, ' ').slice(0, 50))}`);
    }
    expect([...found].map(([where, what]) => `${where}  ${what.join(', ')}`), 'SQL belongs in a repository function under src-main/store/ (one per table family); call that instead').toEqual([]);
  });

  it('the SQL detector matches SQL and not prose', () => {
    for (const s of ['SELECT t, data FROM indicator_values WHERE x = ?', 'SELECT 1', "INSERT OR REPLACE INTO bars (t) VALUES (?)",
      'UPDATE runs SET status = ?', 'DELETE FROM alerts', 'CREATE TABLE x (id INTEGER)', 'CREATE UNIQUE INDEX i ON x (id)', 'PRAGMA user_version']) {
      expect(isSql(s), s).toBe(true);
    }
    for (const s of ['SELECT', 'select a file from the list', 'Select the rows to delete from the table', 'BEGIN IMMEDIATE', 'COMMIT',
      'insert into the queue', 'Update settings', 'TEXTAREA']) {
      expect(isSql(s), s).toBe(false);
    }
  });
});

/** The transport code: Electron relay and preload, browser-mode server, worker entry and host, renderer client. */
const TRANSPORT_FILES = codeFiles.filter((f) => /^src-main\/(app|preload|server)\//.test(f) || f === 'src-main/engine/worker.ts' || f === 'src-renderer/lib/api.ts');
const FRAME_NAMES = new Set<string>([...Object.values(FRAME), ...Object.values(WORKER_CONTROL)]);
const CONTRACT_NAMES = new Set<string>([...commandNames, ...eventTopics]);
const FILE_NAME = /\.(html?|js|cjs|mjs|ts|json|css|db|bin|log|onnx|ya?ml|csv|zip|txt|svg|png|wasm|map)$/;

const EQUALITY: readonly ts.SyntaxKind[] = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken];

/** A literal that sits where a frame's `type` goes: `{ type: '…' }` or `x.type === '…'`. */
function inFrameTypePosition(n: ts.Node): boolean {
  const parent = n.parent;
  if (!parent) return false;
  if (ts.isPropertyAssignment(parent) && parent.initializer === n && ts.isIdentifier(parent.name) && parent.name.text === 'type') return true;
  if (ts.isBinaryExpression(parent) && EQUALITY.includes(parent.operatorToken.kind)) {
    const other = parent.left === n ? parent.right : parent.left;
    return ts.isPropertyAccessExpression(other) && other.name.text === 'type';
  }
  return false;
}

describe('layers: every transport name comes from src-shared/ipc.ts', () => {
  it('no Electron channel spelled outside src-shared/ipc.ts', () => {
    const prefixes = [...new Set(Object.values(IPC_CHANNEL).map((c) => c.slice(0, c.indexOf(':') + 1)))];
    const found: string[] = [];
    for (const file of codeFiles.filter((f) => f !== 'src-shared/ipc.ts')) {
      const p = parse(file);
      for (const lit of literals(p)) {
        if (prefixes.some((x) => lit.text.startsWith(x))) found.push(`${file}:${lit.line}  ${JSON.stringify(lit.text)}: use IPC_CHANNEL from src-shared/ipc.ts`);
      }
    }
    expect(found).toEqual([]);
  });

  it('frame types are FRAME / WORKER_CONTROL constants, and every contract name used is in the contract', () => {
    const found: string[] = [];
    for (const file of TRANSPORT_FILES) {
      const p = parse(file);
      for (const lit of literals(p)) {
        if (FRAME_NAMES.has(lit.text) && inFrameTypePosition(lit.node)) {
          found.push(`${file}:${lit.line}  frame type ${JSON.stringify(lit.text)} spelled out: use FRAME / WORKER_CONTROL from src-shared/ipc.ts`);
        }
        if (/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/.test(lit.text) && !FILE_NAME.test(lit.text) && !CONTRACT_NAMES.has(lit.text)) {
          found.push(`${file}:${lit.line}  ${JSON.stringify(lit.text)} is no command or event topic of src-shared/ipc.ts`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('checks the transport files it means to', () => {
    for (const f of ['src-main/app/relay.ts', 'src-main/preload/index.ts', 'src-main/server/ws.ts', 'src-main/server/engine-host.ts', 'src-main/engine/worker.ts', 'src-renderer/lib/api.ts']) {
      expect(TRANSPORT_FILES).toContain(f);
    }
  });
});

describe('layers: test hooks are injected, not branches in production code', () => {
  it('no production code asks whether it runs under a test runner', () => {
    const RUNNER = /^(VITEST\w*|JEST\w*|__vitest\w*|PLAYWRIGHT\w*)$/;
    const found: string[] = [];
    for (const file of codeFiles) {
      const p = parse(file);
      eachNode(p, (n) => {
        const name = ts.isPropertyAccessExpression(n) ? n.name.text
          : ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : null;
        if (name !== null && (RUNNER.test(name) || (name === 'vitest' && n.getChildAt(0).getText(p.sf) === 'import.meta'))) {
          found.push(`${file}:${lineOf(p, n)}  ${n.getText(p.sf)}`);
        }
        // NODE_ENV === 'test' (either side, any equality operator)
        if (ts.isBinaryExpression(n) && EQUALITY.includes(n.operatorToken.kind)) {
          const [a, b] = [n.left, n.right];
          const envSide = (x: ts.Expression) => /NODE_ENV['"`\]]*$/.test(x.getText(p.sf));
          const testSide = (x: ts.Expression) => ts.isStringLiteralLike(x) && x.text === 'test';
          if ((envSide(a) && testSide(b)) || (envSide(b) && testSide(a))) found.push(`${file}:${lineOf(p, n)}  ${n.getText(p.sf)}`);
        }
      });
    }
    expect(found, 'pass the behaviour in (an option, or an environment variable the test sets) instead').toEqual([]);
  });
});

describe('layers: small files', () => {
  it(`no source file under ${SOURCE_DIRS.join(', ')} is over ${MAX_LINES} lines`, () => {
    const over = allFiles.filter((f) => /\.(ts|svelte|css|html|js|mjs|cjs)$/.test(f)).flatMap((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      const n = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      return n > MAX_LINES ? [`${f}: ${n} lines`] : [];
    });
    expect(over, `split these along a seam (one concern per file, ≤ ${MAX_LINES} lines)`).toEqual([]);
  });
});
