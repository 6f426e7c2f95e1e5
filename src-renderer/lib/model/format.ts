// What the model panel shows of a card, read defensively: a card carries more than the contract
// names (passthrough), and cards written before walk-forward training lack summary and walk_forward.
import type { ModelCard, OosScores } from '../../../src-shared/model-card.ts';

/** a number with `d` decimals, '—' when there is none */
export function num(x: number | null | undefined, d = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d).replace(/^-/, '−');
}

/** 'pos' / 'neg' when a 95 % interval lies wholly above / below 0, else '' (no colour for noise) */
export function ciClass(ci: readonly [number, number] | null | undefined): string {
  return !ci ? '' : ci[0] > 0 ? 'pos' : ci[1] < 0 ? 'neg' : '';
}

/** the date part of an ISO time ("2024-07-23T00:30:00.000Z" → "2024-07-23") */
export const day = (iso: unknown): string => (typeof iso === 'string' && iso.length >= 10 ? iso.slice(0, 10) : '—');

export interface SourceRow { id: string; symbol: string; mode: string; period: string; samples: string; note: string }

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** One row per data source: what was read, over which period, and how many samples it gave. */
export function sourceRows(card: ModelCard): SourceRow[] {
  return card.data.sources.map((s) => {
    const r = s as Record<string, unknown>;
    const from = str(r.first_step) ?? str(r.from), to = str(r.last_step) ?? str(r.to);
    const kept = int(r.kept) ?? int(r.samples) ?? int(r.n), found = int(r.synergies);
    const samples = kept === null ? '—' : found !== null && found !== kept ? `${kept} of ${found} synergies` : `${kept}`;
    return {
      id: s.id, symbol: str(r.symbol) ?? '', mode: s.mode, period: from || to ? `${day(from)} → ${day(to)}` : '—',
      samples, note: str(r.note) ?? '',
    };
  });
}

/** samples kept over all sources (data.totals when the card has it) */
export function totalSamples(card: ModelCard): number | null {
  const t = int((card.data as Record<string, unknown> & { totals?: { kept?: unknown } }).totals?.kept);
  if (t !== null) return t;
  const each = card.data.sources.map((s) => int((s as Record<string, unknown>).kept));
  return each.every((k) => k !== null) ? each.reduce((a, b) => a! + b!, 0) : null;
}

export interface ScoreRow { label: string; title: string; s: OosScores }

/** pooled, 5m-only and 30m-only out-of-sample scores, in that order */
export function pooledRows(wf: NonNullable<ModelCard['walk_forward']>): ScoreRow[] {
  return [
    { label: 'all test samples', title: 'every fold\'s test samples pooled', s: wf.pooled },
    { label: '5m steps only', title: 'the samples of the 5m step, the one the app trades', s: wf.pooled_5m },
    { label: '30m steps only', title: 'the samples of the 30m step', s: wf.pooled_30m },
  ];
}

/** "14 (5 hits)": samples and positives */
export const countOf = (s: OosScores): string => `${s.n} (${s.positives} hits)`;
