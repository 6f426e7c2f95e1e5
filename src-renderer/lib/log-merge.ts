// Records from `log.appended` that a list does not hold yet. Events are batched on the engine side,
// so one can repeat records a `logs.tail` answer already contained. Records come in time order and
// the engine and the client filter alike, so what is not newer than the list's last record is in it
// already — except records at that very time, which are compared.
import type { LogRecord } from '../../src-shared/ipc.ts';

export function notYetIn(list: readonly LogRecord[], fresh: readonly LogRecord[]): LogRecord[] {
  const last = list.at(-1);
  if (!last) return [...fresh];
  return fresh.filter((r) => r.time > last.time || (r.time === last.time && !list.some((g) => same(g, r))));
}

function same(a: LogRecord, b: LogRecord): boolean {
  return a.time === b.time && a.component === b.component && a.msg === b.msg && a.level === b.level;
}
