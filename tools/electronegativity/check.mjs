#!/usr/bin/env node
// Electronegativity over the Electron side of the app, with every finding explained or failed
// (issue 16): `node tools/electronegativity/check.mjs` (npm test runs it through
// tests/integration/electronegativity.test.ts). It installs its own pinned copy here on first use
// (npm ci), because 1.10.3 needs commander 2.x without declaring it and the app's tree has another.
// The scan sees what the packaged app is made of: src-main, the renderer's index.html and
// package.json (for the Electron version). No network: offline.cjs stubs the tool's HTTP client, and
// the release-list check (which needs the network) is skipped.
// Prints one JSON object {findings, unexplained, stale}; exit 0 only when every finding is
// explained in explained.json and every explanation still matches a finding.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
// --root DIR: scan another copy of the project (the test weakens one to see the check fail)
const at = process.argv.indexOf('--root');
const ROOT = at > 0 ? resolve(process.argv[at + 1]) : resolve(HERE, '../..');
const BIN = join(HERE, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');

function install() {
  if (existsSync(BIN)) return;
  process.stderr.write('electronegativity: installing its pinned copy (npm ci in tools/electronegativity) …\n');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: HERE, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** One CSV line of the tool's report → its fields (quoted fields may hold commas). */
function fields(line) {
  const out = [];
  let cur = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

function scan() {
  const dir = mkdtempSync(join(tmpdir(), 'algospace-eneg-'));
  try {
    cpSync(join(ROOT, 'src-main'), join(dir, 'src-main'), { recursive: true });
    mkdirSync(join(dir, 'src-renderer'));
    cpSync(join(ROOT, 'src-renderer', 'index.html'), join(dir, 'src-renderer', 'index.html'));
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    const csv = join(dir, 'report.csv');
    execFileSync(process.execPath, ['-r', join(HERE, 'offline.cjs'), BIN, '-i', join(dir, '.'), '-r', '-o', csv, '-x', 'AvailableSecurityFixesGlobalCheck'],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 240_000 });
    const lines = readFileSync(csv, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '');
    return lines.map((l) => {
      const [issue, severity, confidence, file, location, sample, description] = fields(l).map((f) => f.trim());
      return { issue, severity, confidence, file, location, sample, description };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const matches = (e, f) => e.issue === f.issue && e.file === f.file && (e.sample === undefined || new RegExp(e.sample).test(f.sample));

install();
const explained = JSON.parse(readFileSync(join(HERE, 'explained.json'), 'utf8'));
const findings = scan();
const unexplained = findings.filter((f) => !explained.some((e) => matches(e, f)));
const stale = explained.filter((e) => !findings.some((f) => matches(e, f))).map((e) => `${e.issue} ${e.file}`);
process.stdout.write(`${JSON.stringify({ findings: findings.map((f) => `${f.issue} ${f.severity} ${f.file}:${f.location}`), unexplained, stale }, null, 2)}\n`);
process.exit(unexplained.length === 0 && stale.length === 0 ? 0 : 1);
