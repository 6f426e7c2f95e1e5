// Electronegativity in npm test (issue 16, point 6): the Electron side (src-main, the renderer's
// index.html, package.json) has no finding that tools/electronegativity/explained.json does not
// explain, and no explanation is left without its finding. Then the same check on a copy whose window
// turns isolation and the sandbox off must fail, naming those findings (the check can fail).
// The first run installs the tool's pinned copy into tools/electronegativity (npm ci, from the registry).
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const CHECK = join(ROOT, 'tools/electronegativity/check.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'algospace-eneg-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Outcome { status: number | null; findings: string[]; unexplained: { issue: string; file: string }[]; stale: string[]; stderr: string }
function check(...args: string[]): Outcome {
  const r = spawnSync(process.execPath, [CHECK, ...args], { encoding: 'utf8', timeout: 400_000 });
  const out = r.stdout.trim() ? JSON.parse(r.stdout) : { findings: [], unexplained: [], stale: [] };
  return { status: r.status, stderr: r.stderr, ...out };
}

describe('electronegativity', () => {
  it('every finding on the app is explained, every explanation still has its finding', () => {
    const r = check();
    expect(r.status, `${r.stderr}\n${JSON.stringify(r.unexplained, null, 2)}`).toBe(0);
    expect(r.unexplained).toEqual([]);
    expect(r.stale).toEqual([]);
    // the explained ones (a scan that found nothing would pass the lines above vacuously)
    expect(r.findings.map((f) => f.split(' ')[0])).toEqual(expect.arrayContaining(['CSP_GLOBAL_CHECK', 'PRELOAD_JS_CHECK']));
  }, 420_000);

  it('a window with isolation and the sandbox off fails the check', () => {
    const copy = join(tmp, 'weak');
    cpSync(join(ROOT, 'src-main'), join(copy, 'src-main'), { recursive: true });
    cpSync(join(ROOT, 'src-renderer/index.html'), join(copy, 'src-renderer/index.html'));
    cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
    const win = join(copy, 'src-main/app/window.ts');
    const text = readFileSync(win, 'utf8');
    const weak = text.replace('contextIsolation: true', 'contextIsolation: false').replace('nodeIntegration: false', 'nodeIntegration: true').replace('sandbox: true', 'sandbox: false');
    expect(weak).not.toBe(text);
    writeFileSync(win, weak);
    const r = check('--root', copy);
    expect(r.status).toBe(1);
    expect(r.unexplained.map((u) => u.issue)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
  }, 420_000);
});
