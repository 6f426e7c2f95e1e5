// The app protocol's path mapping: a URL names a file inside the built renderer folder, or nothing.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { resolveAppPath } from '../../../src-main/app/protocol.ts';

const DIR = '/app/out/renderer';

describe('app:// → renderer files', () => {
  it('maps our host\'s paths into the folder', () => {
    expect(resolveAppPath('app://renderer/index.html', DIR)).toBe(join(DIR, 'index.html'));
    expect(resolveAppPath('app://renderer/', DIR)).toBe(join(DIR, 'index.html'));
    expect(resolveAppPath('app://renderer/assets/index-abc.js?x=1#y', DIR)).toBe(join(DIR, 'assets/index-abc.js'));
  });

  it('refuses other hosts and schemes, NUL and broken escapes', () => {
    for (const url of ['app://other/index.html', 'file:///app/out/renderer/index.html', 'https://renderer/index.html',
      'app://renderer/a%00.js', 'app://renderer/%E0%A4%A', 'not a url']) {
      expect(resolveAppPath(url, DIR), url).toBeNull();
    }
  });

  it('traversal in any spelling stays inside the folder or is refused', () => {
    for (const url of ['app://renderer/../main/index.js', 'app://renderer/%2e%2e/main/index.js', 'app://renderer/assets/..%2f..%2f..%2fetc/passwd',
      'app://renderer/..%5c..%5cmain%5cindex.js', 'app://renderer//etc/passwd']) {
      const p = resolveAppPath(url, DIR);
      if (p !== null) expect(p.startsWith(`${DIR}/`), `${url} → ${p}`).toBe(true);
    }
    expect(resolveAppPath('app://renderer/assets/..%2f..%2f..%2fetc/passwd', DIR)).toBeNull();
  });
});
