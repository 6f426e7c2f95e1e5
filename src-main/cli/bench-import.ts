// Import section of `npm run bench` (issue 17: `import_1m_bars_seconds`, target ≤ 60 s): 1,000,000
// one-minute NQ bars (scripts/gen-chart-bars.ts, made into .cache/ when missing) imported with every
// indicator through the CLI, as a user runs it — a child process, wall clock from spawn to exit,
// into a fresh temporary store.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const IMPORT_BARS = 1_000_000;
const CSV = resolve('.cache/bench-chart/NQ_1min_bench.csv');

export interface ImportBench { rows: [string, number][]; results: Record<string, number> }

/** The CLI's entry beside this module (run from source: main.ts; built: main.js). */
function cliEntry(): string {
  return fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './main.ts' : './main.js', import.meta.url));
}

function ensureCsv(log: (s: string) => void): string {
  if (existsSync(CSV)) return CSV;
  log(`import: generating ${CSV} (${IMPORT_BARS.toLocaleString('en-US')} bars, scripts/gen-chart-bars.ts) …`);
  mkdirSync(dirname(CSV), { recursive: true });
  const gen = resolve(dirname(cliEntry()), '../../scripts/gen-chart-bars.ts');
  const r = spawnSync(process.execPath, [gen, CSV, String(IMPORT_BARS)], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !existsSync(CSV)) throw new Error(`gen-chart-bars.ts failed (exit ${r.status})`);
  return CSV;
}

export function benchImport(log: (s: string) => void): ImportBench {
  const csv = ensureCsv(log);
  const dir = mkdtempSync(join(tmpdir(), 'algospace-bench-import-'));
  try {
    log(`import: ${IMPORT_BARS.toLocaleString('en-US')} 1m bars with every indicator via the CLI (about a minute; --skip-import leaves it out) …`);
    const args = [cliEntry(), 'import', csv, '--db', join(dir, 'bench.db'), '--tz', 'America/New_York', '--instrument', 'NQ'];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`import failed (exit ${r.status}): ${String(r.stderr).trim().split('\n').slice(-3).join(' | ')}`);
    const rec = JSON.parse(String(r.stdout).trim().split('\n').pop()!) as { rows_stored: number };
    if (rec.rows_stored !== IMPORT_BARS) throw new Error(`import stored ${rec.rows_stored} rows, expected ${IMPORT_BARS}`);
    return {
      rows: [[`import ${IMPORT_BARS.toLocaleString('en-US')} 1m bars with every indicator (CLI), seconds`, seconds]],
      results: { import_1m_bars_seconds: Math.round(seconds * 10) / 10, import_1m_bars_rows_per_s: Math.round(IMPORT_BARS / seconds) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
