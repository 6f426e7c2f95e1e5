// What the engine logs about imports, replay commands and config problems, kept out of engine.ts:
// each function wraps one engine action and writes its records (component, fields, level).
import type { Logger } from 'pino';
import type { ImportRecord } from '../../../src-shared/ipc.ts';
import type { Problem, Result } from '../../../src-shared/result.ts';

/** The first few problems, small enough for one log record. */
export function problemSummary(problems: readonly Problem[]): Record<string, unknown>[] {
  return problems.slice(0, 5).map((p) => ({ code: p.code, message: p.message, line: p.line, field: p.field }));
}

/**
 * Run one import, logging it on `log` (component 'import', bound to the import's correlation id):
 * started, then finished (file, rows, rejected, ms) / skipped as a duplicate / failed / crashed.
 * `routine: 'debug'` for the bundled samples, checked at every start: only what changed is at info.
 */
export function loggedImport(
  log: Logger, path: string, extra: Record<string, unknown>, routine: 'debug' | 'info', run: () => Result<ImportRecord>,
): Result<ImportRecord> {
  log[routine]({ path, ...extra }, 'import started');
  const t0 = performance.now();
  let r: Result<ImportRecord>;
  try {
    r = run();
  } catch (e) {
    log.error({ path, err: e, ms: Math.round(performance.now() - t0) }, 'import crashed');
    throw e;
  }
  const ms = Math.round(performance.now() - t0);
  if (!r.ok) {
    log.warn({ path, code: r.problem.code, problem: r.problem.message, ms }, 'import failed');
  } else if (r.value.duplicate) {
    log[routine]({ file: r.value.file, importId: r.value.id, ms }, 'import skipped: this file was imported before');
  } else {
    const v = r.value;
    log.info({ file: v.file, symbol: v.symbol, importId: v.id, rows: v.rowsStored, rowsRead: v.rowsRead, rejected: v.rowsRejected, ms }, 'import finished');
    if (v.rowsRejected > 0) log.warn({ file: v.file, rejected: v.rowsRejected, problems: problemSummary(v.problems) }, 'rows rejected');
  }
  return r;
}

interface ReplayView { status: string; symbol: string | null; clock: number | null; speed: unknown }

/** A replay command: what was asked and where the replay is now; a refusal (a reason string) is a warning. */
export function logReplay<T extends ReplayView>(log: Logger, action: string, asked: Record<string, unknown>, r: T | string): void {
  if (typeof r === 'string') log.warn({ action, ...asked, reason: r }, `replay ${action} refused`);
  else log.info({ action, ...asked, symbol: r.symbol, status: r.status, clock: r.clock, speed: r.speed }, `replay ${action}`);
}
