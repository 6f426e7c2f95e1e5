// The last N records in memory, for `logs.tail`: the log view opens with these instead of reading
// (and parsing) the file, and the file may already have rotated away.
import type { LogRecord } from '../../../src-shared/ipc.ts';
import { LEVEL_RANK, type LogLevel } from './record.ts';

export interface TailQuery {
  /** minimum level */
  level?: LogLevel;
  /** case-insensitive substring of msg, component, correlationId or the data values */
  search?: string;
  limit?: number;
}

export const DEFAULT_TAIL_LIMIT = 500;

export class RecordRing {
  readonly capacity: number;
  #buf: (LogRecord | undefined)[];
  #next = 0;
  #count = 0;

  constructor(capacity = 5000) {
    this.capacity = capacity;
    this.#buf = new Array<LogRecord | undefined>(capacity);
  }

  get size(): number { return this.#count; }

  push(r: LogRecord): void {
    this.#buf[this.#next] = r;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#count < this.capacity) this.#count++;
  }

  /** The newest `limit` matching records, oldest first. Walks back from the newest and stops early. */
  tail(q: TailQuery = {}): LogRecord[] {
    const limit = q.limit ?? DEFAULT_TAIL_LIMIT;
    const min = q.level ? LEVEL_RANK[q.level] : 0;
    const needle = q.search?.trim().toLowerCase() || null;
    const out: LogRecord[] = [];
    for (let k = 1; k <= this.#count && out.length < limit; k++) {
      const r = this.#buf[(this.#next - k + this.capacity) % this.capacity]!;
      if (LEVEL_RANK[r.level] < min) continue;
      if (needle !== null && !matches(r, needle)) continue;
      out.push(r);
    }
    return out.reverse();
  }
}

function matches(r: LogRecord, needle: string): boolean {
  if (r.msg.toLowerCase().includes(needle) || r.component.toLowerCase().includes(needle)) return true;
  if (r.correlationId?.toLowerCase().includes(needle)) return true;
  // Values, not keys: searching "rows" should not hit every import record through its key.
  return r.data !== undefined && Object.values(r.data).some((v) =>
    (typeof v === 'string' ? v : JSON.stringify(v) ?? '').toLowerCase().includes(needle));
}
