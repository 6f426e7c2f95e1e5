// The log tail: the newest records from `logs.tail` (level and search applied by the engine), then
// records from `log.appended` (the same filter applied here), bounded to MAX_RECORDS.
import type { Api } from '../api.ts';
import type { EventPayload, LogRecord } from '../../../src-shared/ipc.ts';
import type { Problem } from '../../../src-shared/result.ts';
import { notYetIn } from '../log-merge.ts';

export type LogLevel = LogRecord['level'];
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
export const MAX_RECORDS = 2_000;
const SEARCH_DELAY_MS = 200;

/** Records at or above `level` whose message, component, correlation id or a data value contains `search` (case-insensitive). */
export function matches(r: LogRecord, level: LogLevel, search: string): boolean {
  if (LOG_LEVELS.indexOf(r.level) < LOG_LEVELS.indexOf(level)) return false;
  if (search === '') return true;
  const q = search.toLowerCase();
  return r.msg.toLowerCase().includes(q) || r.component.toLowerCase().includes(q)
    || (r.correlationId?.toLowerCase().includes(q) ?? false)
    // values, not keys, as the engine searches: "rows" should not hit every record with a `rows` field
    || (r.data !== undefined && Object.values(r.data).some((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '').toLowerCase().includes(q)));
}

export class LogTail {
  #api: Api;
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** records appended while a `logs.tail` call is in flight */
  #pending: LogRecord[] | null = null;
  open = $state(false);
  level = $state<LogLevel>('info');
  search = $state('');
  autoScroll = $state(true);
  records = $state.raw<readonly LogRecord[]>([]);
  /** the engine's log file (null when it logs to memory only) */
  file = $state<string | null>(null);
  loaded = $state(false);
  loading = $state(false);
  problem = $state.raw<Problem | null>(null);
  /** records dropped from the front since the last load (the list is bounded) */
  dropped = $state(0);

  readonly count = $derived(this.records.length);

  constructor(api: Api) {
    this.#api = api;
  }

  toggle(): void {
    this.open = !this.open;
    if (this.open) void this.load();
  }
  close(): void { this.open = false; }

  setLevel(level: LogLevel): void {
    this.level = level;
    void this.load();
  }

  /** Typing in the search box: ask the engine once typing pauses. */
  setSearch(text: string): void {
    this.search = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.load(), SEARCH_DELAY_MS);
  }

  async load(): Promise<void> {
    clearTimeout(this.#timer);
    const seq = ++this.#seq;
    const search = this.search.trim();
    this.loading = true;
    this.#pending = [];
    const res = await this.#api.call('logs.tail', { level: this.level, limit: MAX_RECORDS, ...(search ? { search } : {}) });
    if (seq !== this.#seq) return;
    this.loading = false;
    const pending = this.#pending;
    this.#pending = null;
    if (!res.ok) { this.problem = res.problem; return; }
    this.problem = null;
    this.file = res.value.file;
    this.loaded = true;
    this.dropped = 0;
    const got = res.value.records;
    // appended meanwhile: only those the answer does not hold
    const later = notYetIn(got, pending);
    this.#set(later.length > 0 ? [...got, ...later] : got);
  }

  onAppended(p: EventPayload<'log.appended'>): void {
    const search = this.search.trim();
    const fresh = p.records.filter((r) => matches(r, this.level, search));
    if (fresh.length === 0) return;
    if (this.#pending) { this.#pending.push(...fresh); return; }
    if (!this.loaded) return; // the first load brings them
    // an event sent after the tail's answer can still repeat records that answer held
    const add = notYetIn(this.records, fresh);
    if (add.length > 0) this.#set([...this.records, ...add]);
  }

  #set(list: LogRecord[] | readonly LogRecord[]): void {
    const over = list.length - MAX_RECORDS;
    if (over > 0) this.dropped += over;
    this.records = over > 0 ? list.slice(over) : list;
  }
}
