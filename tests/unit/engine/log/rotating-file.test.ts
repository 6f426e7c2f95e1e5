import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotatingFile } from '../../../../src-main/engine/log/rotating-file.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'as-log-'));
  dirs.push(d);
  return d;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** a 1 KiB line numbered n */
const line = (n: number) => `${String(n).padStart(8, '0')}${'x'.repeat(1015)}\n`;
const logNames = (dir: string) => readdirSync(join(dir, 'logs')).sort();

describe('RotatingFile', () => {
  it('creates logs/ and appends to algospace.log', () => {
    const dir = tempDir();
    const f = new RotatingFile(dir, { maxFileMb: 1, retainFiles: 3 });
    f.write('a\n');
    f.write('b\n');
    f.close();
    expect(f.path).toBe(join(dir, 'logs', 'algospace.log'));
    expect(readFileSync(f.path, 'utf8')).toBe('a\nb\n');
  });

  it('rotates before a write would pass the size, keeps at most retain_files, drops the oldest', () => {
    const dir = tempDir();
    const f = new RotatingFile(dir, { maxFileMb: 10 / 1024, retainFiles: 3 }); // 10 KiB
    for (let n = 0; n < 45; n++) f.write(line(n)); // 45 KiB → 5 files' worth
    f.close();
    expect(logNames(dir)).toEqual(['algospace.1.log', 'algospace.2.log', 'algospace.log']);
    for (const name of logNames(dir)) expect(statSync(join(dir, 'logs', name)).size).toBeLessThanOrEqual(10 * 1024);
    const first = (name: string) => Number(readFileSync(join(dir, 'logs', name), 'utf8').slice(0, 8));
    // 10 lines per file: .log has 40–44, .1 has 30–39, .2 has 20–29; 0–19 were dropped.
    expect(first('algospace.log')).toBe(40);
    expect(first('algospace.1.log')).toBe(30);
    expect(first('algospace.2.log')).toBe(20);
  });

  it('continues an existing file and counts its size', () => {
    const dir = tempDir();
    const a = new RotatingFile(dir, { maxFileMb: 4 / 1024, retainFiles: 2 });
    for (let n = 0; n < 3; n++) a.write(line(n));
    a.close();
    const b = new RotatingFile(dir, { maxFileMb: 4 / 1024, retainFiles: 2 });
    b.write(line(3));
    b.write(line(4)); // would make 5 KiB: rotates first
    b.close();
    expect(readFileSync(join(dir, 'logs', 'algospace.1.log'), 'utf8').length).toBe(4 * 1024);
    expect(readFileSync(b.path, 'utf8')).toBe(line(4));
  });

  it('survives the file (and its folder) being deleted while open', () => {
    const dir = tempDir();
    const f = new RotatingFile(dir, { maxFileMb: 1, retainFiles: 2 }, 0); // check on every write
    f.write('before\n');
    rmSync(join(dir, 'logs'), { recursive: true });
    f.write('after\n');
    f.close();
    expect(readFileSync(f.path, 'utf8')).toBe('after\n');
  });

  it('lowering retain_files deletes the extra rotated files at once; a smaller size applies on the next write', () => {
    const dir = tempDir();
    const f = new RotatingFile(dir, { maxFileMb: 2 / 1024, retainFiles: 5 });
    for (let n = 0; n < 10; n++) f.write(line(n));
    expect(logNames(dir)).toHaveLength(5);
    f.reconfigure({ maxFileMb: 1 / 1024, retainFiles: 2 });
    expect(logNames(dir)).toEqual(['algospace.1.log', 'algospace.log']);
    f.write(line(10));
    f.close();
    expect(readFileSync(f.path, 'utf8')).toBe(line(10));
  });

  it('retain_files 1 keeps only the active file', () => {
    const dir = tempDir();
    const f = new RotatingFile(dir, { maxFileMb: 1 / 1024, retainFiles: 1 });
    for (let n = 0; n < 3; n++) f.write(line(n));
    f.close();
    expect(logNames(dir)).toEqual(['algospace.log']);
    expect(readFileSync(f.path, 'utf8')).toBe(line(2));
  });

  it('drops writes after close instead of reopening the file', () => {
    const dir = tempDir();
    const f = new RotatingFile(dir, { maxFileMb: 1, retainFiles: 2 });
    f.close();
    rmSync(f.path);
    f.write('late\n');
    expect(existsSync(f.path)).toBe(false);
  });

  it('does not throw when the folder cannot be created', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'logs'), 'a file where the folder should be');
    const f = new RotatingFile(dir, { maxFileMb: 1, retainFiles: 2 });
    expect(() => f.write('x\n')).not.toThrow();
    expect(f.lastError).toBeTruthy();
    f.close();
  });
});
