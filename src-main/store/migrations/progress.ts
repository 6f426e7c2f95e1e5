// Progress of a long migration (a store made before the chart's levels builds them when first opened:
// about 3 s per million 1-minute bars), told to whoever listens: the CLI and the server print it on
// stderr, the engine logs it. Quick migrations say nothing.
export interface MigrationStep { version: number; name: string; done: number; total: number }
type Listener = (s: MigrationStep) => void;

const listeners = new Set<Listener>();

/** Listen to migrations' progress; returns the function that stops listening. */
export function onMigrationProgress(fn: Listener): () => void {
  listeners.add(fn);
  return () => { listeners.delete(fn); };
}

export function reportMigration(s: MigrationStep): void {
  for (const l of listeners) l(s);
}

/** Lines for a person: nothing for the first second, then at most one a second, and the end with its time. */
export function migrationLines(write: (line: string) => void, now: () => number = () => performance.now(), quietMs = 1_000): Listener {
  let started = NaN, last = -Infinity, said = false;
  return (s) => {
    const t = now();
    if (s.done === 0 || Number.isNaN(started)) started = t;
    const took = ((t - started) / 1000).toFixed(1);
    if (s.done >= s.total) {
      if (said) write(`store: upgraded to version ${s.version} (${s.name}) in ${took} s`);
      said = false;
      started = NaN;
      return;
    }
    if (t - started < quietMs || t - last < 1_000) return;
    last = t;
    said = true;
    const left = s.done > 0 ? `, about ${Math.ceil(((t - started) / s.done) * (s.total - s.done) / 1000)} s left` : '';
    write(`store: upgrading to version ${s.version} (${s.name}): ${Math.floor((100 * s.done) / s.total)} % (${s.done} of ${s.total} steps${left}); the store opens once it is done`);
  };
}
