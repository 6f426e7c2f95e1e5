// Coalesces records into at most one `log.appended` event per interval: a burst of records (an import
// of many files, an error storm) costs a handful of messages to the UI, not one per record.
import type { LogRecord } from '../../../src-shared/ipc.ts';

export class RecordBatcher {
  #emit: (records: LogRecord[]) => void;
  #everyMs: number;
  #max: number;
  #pending: LogRecord[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** `max`: records per event; older ones in a bigger burst are left to `logs.tail` */
  constructor(emit: (records: LogRecord[]) => void, everyMs = 250, max = 500) {
    this.#emit = emit;
    this.#everyMs = everyMs;
    this.#max = max;
  }

  push(r: LogRecord): void {
    this.#pending.push(r);
    if (this.#pending.length > this.#max * 2) this.#pending.splice(0, this.#pending.length - this.#max);
    if (this.#timer === null) {
      this.#timer = setTimeout(() => this.flush(), this.#everyMs);
      this.#timer.unref?.();
    }
  }

  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length === 0) return;
    const records = this.#pending.length > this.#max ? this.#pending.slice(-this.#max) : this.#pending;
    this.#pending = [];
    this.#emit(records);
  }

  /** Drops what is pending (the receivers are going away). */
  close(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = [];
  }
}
