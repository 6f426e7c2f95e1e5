// The desktop app runs the built main bundle (out/main, electron-vite), not the sources the CLI and the
// tests run: a module that starts a thread from a file beside itself must find that file there too.
// Session 13 found MMD's helper thread dead in the app: its module was bundled into out/main/chunks/,
// the helper's file sits in out/main/, so every import and replay in the app summed MMD on one thread.
// `npm test` builds first; run `npx electron-vite build` before this file alone.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const OUT = join(import.meta.dirname, '../../../out/main');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? jsFiles(p) : e.name.endsWith('.js') ? [p] : [];
  });
}

describe('the built main bundle', () => {
  it('has every worker file a built module names beside itself ("./…worker.js")', () => {
    expect(existsSync(join(OUT, 'index.js')), 'out/main is missing: run `npx electron-vite build` first').toBe(true);
    const named: string[] = [];
    for (const f of jsFiles(OUT)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/["'](\.\/[\w.-]*worker\.js)["']/g)) {
        named.push(`${relative(OUT, f)} → ${m[1]}`);
        expect(existsSync(join(dirname(f), m[1]!)), `${relative(OUT, f)} starts ${m[1]} beside itself`).toBe(true);
      }
    }
    // the app's engine thread and MMD's helper (the CLI's read-ahead thread is not in the app's bundle)
    expect(named.some((n) => n.endsWith('./worker.js'))).toBe(true);
    expect(named.some((n) => n.endsWith('./mmd-cross-worker.js'))).toBe(true);
  });
});
