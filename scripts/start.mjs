// `npm start` (after electron-vite build): the Electron app when a binary and a display exist,
// otherwise browser mode. The binary is looked up on disk only: require('electron') would start
// a download. Extra arguments go to whichever mode runs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

/** @returns {{ bin: string } | { why: string }} */
function findElectron() {
  const fromEnv = process.env.ELECTRON_EXEC_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { bin: fromEnv } : { why: `ELECTRON_EXEC_PATH names no file (${fromEnv})` };
  const dist = join(root, 'node_modules', 'electron', 'dist');
  const pathTxt = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt)) return { why: 'no Electron binary in node_modules/electron/dist' };
  const bin = join(dist, readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? { bin } : { why: `no Electron binary at ${bin}` };
}

function displayProblem() {
  if (process.platform === 'win32' || process.platform === 'darwin') return null;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? null : 'no display (DISPLAY and WAYLAND_DISPLAY are unset)';
}

/** Runs a child with our stdio, forwards Ctrl+C / SIGTERM once, exits with its code. */
function run(cmd, argv) {
  const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => { if (child.exitCode === null) child.kill(sig); });
  }
  child.on('error', (e) => {
    console.error(`could not start ${cmd}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = findElectron();
const noDisplay = displayProblem();
if ('bin' in electron && !noDisplay) {
  run(electron.bin, ['.', ...args]);
} else {
  const why = 'why' in electron ? electron.why : noDisplay;
  console.error(`Electron is not available here (${why}); starting browser mode.`);
  run(process.execPath, [join(root, 'src-main', 'server', 'main.ts'), ...args]);
}
