// The decision journal drawer: every decision of every run (`trading.journal`, newest first),
// filtered by status on the engine and by a free-text search here; CSV of what is shown.
import type { Api } from '../api.ts';
import type { Res } from '../../../src-shared/ipc.ts';
import type { DecisionStatus } from '../../../src-shared/trading.ts';
import { journalCsv } from '../../../src-shared/journal-csv.ts';
import { STATUS_LABEL } from '../trading/format.ts';

export type JournalRow = Extract<Res<'trading.journal'>, { ok: true }>['value']['rows'][number];

/** Does a row contain `q` (lower case) in its symbol, pattern, direction, path, status, reasons or id? */
export function rowMatches(r: JournalRow, q: string): boolean {
  if (q === '') return true;
  const d = r.decision;
  const hay = [
    `#${d.id}`, d.symbol, d.pattern, d.direction > 0 ? 'long' : 'short', d.path, d.reason, STATUS_LABEL[d.status],
    d.action ?? '', d.action_reason ?? '', ...d.risk_reasons, r.exit?.kind ?? '',
  ].join('\n').toLowerCase();
  return hay.includes(q);
}

export class Journal {
  #api: Api;
  #seq = 0;
  open = $state(false);
  status = $state<DecisionStatus | ''>('');
  search = $state('');
  rows = $state.raw<readonly JournalRow[]>([]);
  /** the engine's CSV of `rows` (status filter applied, no search) */
  csv = $state('');
  loading = $state(false);
  error = $state<string | null>(null);

  readonly shown = $derived.by(() => {
    const q = this.search.trim().toLowerCase();
    return q === '' ? this.rows : this.rows.filter((r) => rowMatches(r, q));
  });

  constructor(api: Api) {
    this.#api = api;
  }

  toggle(): void {
    this.open = !this.open;
    if (this.open) void this.load();
  }
  close(): void { this.open = false; }

  setStatus(s: DecisionStatus | ''): void {
    this.status = s;
    void this.load();
  }

  async load(): Promise<void> {
    const seq = ++this.#seq;
    this.loading = true;
    const r = await this.#api.call('trading.journal', this.status ? { status: this.status } : {});
    if (seq !== this.#seq) return;
    this.loading = false;
    if (r.ok) {
      this.rows = r.value.rows;
      this.csv = r.value.csv;
      this.error = null;
    } else {
      this.error = r.problem.message;
    }
  }

  /** A refresh while open (the run's counts moved). */
  onNews(): void {
    if (this.open) void this.load();
  }

  /** The CSV of the rows shown: the engine's text, or the same columns for the searched rows. */
  exportCsv(): string {
    return this.search.trim() === '' ? this.csv : journalCsv(this.shown);
  }
}
