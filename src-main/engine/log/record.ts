// The shape of one log record on the contract (src-shared/ipc.ts LogRecord), made from a line pino
// wrote, plus the one-line human form used on the console in dev.
import type { LogRecord } from '../../../src-shared/ipc.ts';

export type LogLevel = LogRecord['level'];
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const satisfies readonly LogLevel[];
export const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** pino's extra levels folded into the contract's four */
function toLevel(v: unknown): LogLevel {
  if (v === 'trace') return 'debug';
  if (v === 'fatal') return 'error';
  return typeof v === 'string' && v in LEVEL_RANK ? (v as LogLevel) : 'info';
}

/** One serialised pino line → a LogRecord; fields other than the fixed ones go to `data`. */
export function parseRecord(line: string): LogRecord | null {
  let obj: Record<string, unknown>;
  try { obj = JSON.parse(line) as Record<string, unknown>; } catch { return null; }
  if (typeof obj !== 'object' || obj === null) return null;
  const { time, level, component, msg, correlationId, ...rest } = obj;
  const rec: LogRecord = {
    time: typeof time === 'number' ? time : Date.now(),
    level: toLevel(level),
    component: typeof component === 'string' ? component : 'app',
    msg: typeof msg === 'string' ? msg : '',
  };
  if (typeof correlationId === 'string') rec.correlationId = correlationId;
  if (Object.keys(rest).length > 0) rec.data = rest;
  return rec;
}

/** `12:34:56.789 INFO  import    imported ES.csv {"rows":10} #import:1712…:1` — for a terminal. */
export function formatRecord(r: LogRecord): string {
  const t = new Date(r.time).toISOString().slice(11, 23);
  const data = r.data ? ` ${JSON.stringify(r.data)}` : '';
  const corr = r.correlationId ? ` #${r.correlationId}` : '';
  return `${t} ${r.level.toUpperCase().padEnd(5)} ${r.component.padEnd(8)} ${r.msg}${data}${corr}`;
}
