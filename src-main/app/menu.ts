// A deliberately small menu: File > Import… / Quit, plus the standard Edit roles (copy and paste
// in text fields need them on macOS).
import { dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions, type OpenDialogOptions } from 'electron';
import { formatProblem } from '../../src-shared/result.ts';
import type { EngineHost } from '../server/engine-host.ts';

export interface MenuDeps {
  window: () => BrowserWindow | null;
  engine: () => EngineHost | null;
}

/** Ask for a file and hand it to the engine; progress and the result reach the UI as events. */
export async function importViaDialog(deps: MenuDeps): Promise<void> {
  const win = deps.window();
  const options: OpenDialogOptions = {
    title: 'Import market data',
    properties: ['openFile'],
    filters: [
      { name: 'Market data (CSV, LEAN zip)', extensions: ['csv', 'txt', 'zip'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const path = picked.filePaths[0];
  const engine = deps.engine();
  if (picked.canceled || !path || !engine) return;
  const res = await engine.call('import.start', { path });
  if (!res.ok) {
    const box = { type: 'error' as const, message: 'Import failed', detail: formatProblem(res.problem) };
    if (win) await dialog.showMessageBox(win, box);
    else await dialog.showMessageBox(box);
  }
}

export function buildMenu(deps: MenuDeps): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => void importViaDialog(deps) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
