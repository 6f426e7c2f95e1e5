// Updates of the installed app through electron-updater, wired but off by default: only with
// `updates.check_on_start: true` (or ALGOSPACE_UPDATES_CHECK_ON_START=true) and only in a packaged
// app (a source run has no release to compare with). The module is loaded only then, so a default
// start never touches it. A failed check is logged and ends there: updates never stop the app.
export interface Updater {
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export type UpdatesState = 'off' | 'not-packaged' | 'checking' | 'failed';

export interface UpdatesOptions {
  /** updates.check_on_start */
  enabled: boolean;
  /** app.isPackaged */
  packaged: boolean;
  /** electron-updater's autoUpdater, loaded on demand */
  load: () => Promise<Updater>;
  log: (msg: string) => void;
}

export async function startUpdates(o: UpdatesOptions): Promise<UpdatesState> {
  if (!o.enabled) return 'off';
  if (!o.packaged) {
    o.log('updates: check_on_start is on, but this is not an installed app: no check');
    return 'not-packaged';
  }
  try {
    const updater = await o.load();
    o.log('updates: checking for a newer release');
    void updater.checkForUpdatesAndNotify().catch((e: unknown) => o.log(`updates: the check failed (${e instanceof Error ? e.message : String(e)})`));
    return 'checking';
  } catch (e) {
    o.log(`updates: electron-updater could not be loaded (${e instanceof Error ? e.message : String(e)})`);
    return 'failed';
  }
}

/** electron-updater's autoUpdater (the package reads app-update.yml, written by electron-builder from `publish`). */
export async function loadElectronUpdater(): Promise<Updater> {
  const m = await import('electron-updater');
  return m.autoUpdater;
}
