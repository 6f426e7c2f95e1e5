// Launch the unpacked build electron-builder made (dist/*-unpacked, dist/mac*/…app, dist/linux-unpacked),
// as a trader would, and check the window loads the renderer from app://, the default data charts, and
// the page has no Node (the fuses and the sandbox hold).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

function executable(dir: string): string {
  for (const d of readdirSync(dir)) {
    const p = join(dir, d);
    if (process.platform === 'darwin' && d.endsWith('.app')) return join(p, 'Contents/MacOS/AlgoSpace Workstation');
    if (d.endsWith('-unpacked') || d.startsWith('mac')) {
      for (const name of ['AlgoSpace Workstation.exe', 'algospace-workstation', 'AlgoSpace Workstation']) if (existsSync(join(p, name))) return join(p, name);
      if (d.startsWith('mac')) return executable(p);
    }
  }
  throw new Error(`no packaged app under ${dir}`);
}

test('the packaged app starts, serves its page from app:// and charts the bundled data', async () => {
  const app = await electron.launch({ executablePath: executable(process.env.ALGOSPACE_PACKAGED_DIR ?? 'dist') });
  const page = await app.firstWindow();
  expect(page.url()).toBe('app://renderer/index.html');
  await expect(page.getByTestId('bar-count')).not.toHaveText('0', { timeout: 60_000 });
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  await app.close();
});
