import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentType, resolveStatic } from '../../../src-main/server/static.ts';
import { sanitiseFileName } from '../../../src-main/server/upload.ts';
import { parseCli, userDataDir, UsageError } from '../../../src-main/server/options.ts';

let dir = '';
let root = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'as-static-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html>');
  await writeFile(join(root, 'assets', 'a.js'), '1');
  await writeFile(join(dir, 'secret.txt'), 'secret');
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('static files', () => {
  it('serves files inside the root and index.html for /', async () => {
    expect(await resolveStatic(root, '/')).toBe(join(root, 'index.html'));
    expect(await resolveStatic(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    expect(contentType('x.js')).toMatch(/^text\/javascript/);
    expect(contentType('x.CSS')).toMatch(/^text\/css/);
    expect(contentType('x.unknown')).toBe('application/octet-stream');
  });

  it('refuses everything outside the root, directories and bad encodings', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%5c..%5csecret.txt',
      '/assets/link.txt', '/assets', '/assets/', '/missing.js', '/%E0%A4%A', '/index.html%00.js', `/${join(dir, 'secret.txt')}`]) {
      expect(await resolveStatic(root, p), p).toBeNull();
    }
  });
});

describe('upload names', () => {
  it('keeps a safe base name only', () => {
    expect(sanitiseFileName('ES 2024-01.csv')).toBe('ES 2024-01.csv');
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\x\\y\\..\\data.zip')).toBe('data.zip');
    expect(sanitiseFileName('..')).toBe('upload.bin');
    expect(sanitiseFileName('.bashrc')).toBe('bashrc');
    expect(sanitiseFileName('a<b>|"c".csv')).toBe('a_b___c_.csv');
    expect(sanitiseFileName(null)).toBe('upload.bin');
    expect(sanitiseFileName('x'.repeat(300) + '.csv')).toHaveLength(200);
  });
});

describe('command line', () => {
  it('uses the platform user-data dir for the database', () => {
    expect(userDataDir('linux', { XDG_DATA_HOME: '/xdg' }, '/home/u')).toBe('/xdg/algospace-workstation');
    expect(userDataDir('linux', {}, '/home/u')).toBe('/home/u/.local/share/algospace-workstation');
    expect(userDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/algospace-workstation');
    expect(userDataDir('win32', { APPDATA: 'C:/Users/u/AppData/Roaming' }, 'C:/Users/u')).toMatch(/Roaming[\\/]algospace-workstation$/);
  });

  it('parses options, ALGOSPACE_PORT, and refuses bad usage', () => {
    const o = parseCli(['--port', '0', '--db', '/tmp/a.db', '--token', 'abcdefabcdefabcdef'], {});
    expect(o).toMatchObject({ port: 0, dbPath: '/tmp/a.db', token: 'abcdefabcdefabcdef' });
    expect(o.rendererDir).toMatch(/out[\\/]renderer$/);
    expect(o.sampleDir).toMatch(/resources[\\/]sample$/);
    expect(parseCli([], { ALGOSPACE_PORT: '4321' }).port).toBe(4321);
    expect(parseCli(['--port', '5'], { ALGOSPACE_PORT: '4321' }).port).toBe(5);
    expect(() => parseCli(['--port', 'x'], {})).toThrow(UsageError);
    expect(() => parseCli(['--port', '70000'], {})).toThrow(UsageError);
    expect(() => parseCli(['--token', 'short'], {})).toThrow(UsageError);
    expect(() => parseCli(['--nope'], {})).toThrow(UsageError);
    expect(() => parseCli(['positional'], {})).toThrow(UsageError);
  });
});
