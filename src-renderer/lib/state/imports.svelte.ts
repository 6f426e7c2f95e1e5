// The import flow: pick a file (path or upload), inspect it, import it with progress, and the
// list of past imports. A file of an instrument nobody defined waits for the trader's definition.
import type { Api } from '../api.ts';
import type { ImportInspection, ImportRecord } from '../../../src-shared/ipc.ts';
import type { Problem } from '../../../src-shared/result.ts';
import type { UserInstrumentInput } from '../../../src-shared/ipc-instruments.ts';

/** cancelled: the trader stopped it (job.cancel); nothing of it was stored */
export type ImportPhase = 'idle' | 'uploading' | 'inspecting' | 'importing' | 'done' | 'failed' | 'cancelled';

export class Imports {
  #api: Api;
  list = $state.raw<readonly ImportRecord[]>([]);
  inspection = $state.raw<ImportInspection | null>(null);
  result = $state.raw<ImportRecord | null>(null);
  problem = $state.raw<Problem | null>(null);
  phase = $state<ImportPhase>('idle');
  /** while uploading: bytes sent of the file's, and when the upload began (performance.now) */
  uploadProgress = $state.raw<{ sent: number; total: number; t0: number } | null>(null);
  #uploadAbort: AbortController | null = null;
  readonly busy = $derived(this.phase === 'uploading' || this.phase === 'inspecting' || this.phase === 'importing');
  /** an upload or import runs (an inspection may be under way: Import still starts at once) */
  readonly running = $derived(this.phase === 'uploading' || this.phase === 'importing');
  /** bumps on every inspection and import: an inspection answered after a newer request is dropped */
  #seq = 0;

  constructor(api: Api) {
    this.#api = api;
  }

  async refresh(): Promise<void> {
    const res = await this.#api.call('imports.list', {});
    if (res.ok) this.list = [...res.value].sort((a, b) => b.finishedAt - a.finishedAt);
  }

  /** Browser mode: upload the file; returns the server-side path (or null on failure). */
  async upload(file: File): Promise<string | null> {
    this.phase = 'uploading';
    this.problem = null;
    this.result = null;
    this.inspection = null;
    const t0 = performance.now();
    this.uploadProgress = { sent: 0, total: file.size, t0 };
    this.#uploadAbort = new AbortController();
    const res = await this.#api.upload(file, (sent, total) => { this.uploadProgress = { sent, total, t0 }; }, this.#uploadAbort.signal);
    this.#uploadAbort = null;
    this.uploadProgress = null;
    if (!res.ok) {
      this.phase = res.problem.code === 'cancelled' ? 'idle' : 'failed';
      this.problem = res.problem.code === 'cancelled' ? null : res.problem;
      return null;
    }
    this.phase = 'idle';
    return res.value;
  }

  /** Stop the upload under way (nothing reaches the engine). */
  cancelUpload(): void {
    this.#uploadAbort?.abort();
  }

  async inspect(path: string, tz?: string, instrument?: string): Promise<ImportInspection | null> {
    const seq = ++this.#seq;
    this.phase = 'inspecting';
    this.problem = null;
    this.result = null;
    const res = await this.#api.call('import.inspect', { path, ...opt(tz, instrument) });
    if (seq !== this.#seq) return null; // Import was pressed meanwhile (the path field's change fires on that click)
    if (!res.ok) {
      this.phase = 'failed';
      this.problem = res.problem;
      this.inspection = null;
      return null;
    }
    this.phase = 'idle';
    this.inspection = res.value;
    return res.value;
  }

  /** `define`: the trader's definition of an instrument the engine does not know (written into the config first). */
  async start(path: string, tz?: string, instrument?: string, define?: UserInstrumentInput, replace = false): Promise<ImportRecord | null> {
    this.#seq++;
    this.phase = 'importing';
    this.problem = null;
    this.result = null;
    const res = await this.#api.call('import.start', { path, ...opt(tz, define ? undefined : instrument), ...(define ? { define } : {}), ...(replace ? { replace } : {}) });
    if (!res.ok && res.problem.code === 'cancelled') {
      this.phase = 'cancelled'; // the job's last event says so where the progress was
      return null;
    }
    if (!res.ok) {
      // unknown instrument: fetch the engine's guesses so the form can ask for the definition
      const needsDefinition = res.problem.code === 'instrument-needed' || res.problem.code === 'unknown-instrument';
      if (needsDefinition && !this.inspection?.draft) await this.inspect(path, tz, instrument);
      this.phase = 'failed';
      // the definition form says what is missing; the refusal (with the whole catalogue) would only repeat it
      this.problem = needsDefinition && !define && this.inspection?.draft ? null : res.problem;
      return null;
    }
    this.phase = 'done';
    this.result = res.value;
    if (define) this.inspection = null; // the definition form has done its work
    void this.refresh();
    return res.value;
  }

  clearInspection(): void {
    this.inspection = null;
  }
}

function opt(tz?: string, instrument?: string): { tz?: string; instrument?: string } {
  const o: { tz?: string; instrument?: string } = {};
  if (tz && tz.trim()) o.tz = tz.trim();
  if (instrument && instrument.trim()) o.instrument = instrument.trim().toUpperCase();
  return o;
}
