// Out-of-sample numbers and the model card (models/decision.card.json). Everything here is a pure
// function of the samples and predictions: no clock, no paths outside the data directory, so two
// runs on the same data write identical bytes.

export interface Scored {
  label: 0 | 1;
  pnl: number;
  r: number;
  p: number;
}

/** 6 significant digits: stable, readable JSON (the values are deterministic anyway) */
export const round6 = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);

export const accuracy = (s: readonly Scored[], cut = 0.5): number =>
  s.length ? s.filter((x) => (x.p >= cut ? 1 : 0) === x.label).length / s.length : NaN;

export const brier = (s: readonly Scored[], p?: number): number =>
  s.length ? s.reduce((a, x) => a + ((p ?? x.p) - x.label) ** 2, 0) / s.length : NaN;

export const positiveRate = (s: readonly { label: 0 | 1 }[]): number =>
  s.length ? s.filter((x) => x.label === 1).length / s.length : NaN;

export interface ExpectancyRow {
  rule: string;
  trades: number;
  win_rate: number | null;
  /** mean net P&L per trade, money (mixes instruments: see per-symbol rows) */
  mean_pnl: number | null;
  total_pnl: number;
  /** mean net P&L per trade in R (P&L / money at risk) */
  mean_r: number | null;
  total_r: number;
}

export function expectancy(rule: string, s: readonly Scored[]): ExpectancyRow {
  const n = s.length;
  const total = s.reduce((a, x) => a + x.pnl, 0), totalR = s.reduce((a, x) => a + x.r, 0);
  return {
    rule, trades: n,
    win_rate: n ? round6(positiveRate(s)) : null,
    mean_pnl: n ? round6(total / n) : null, total_pnl: round6(total),
    mean_r: n ? round6(totalR / n) : null, total_r: round6(totalR),
  };
}

/** min, quartiles, median, max (nearest-rank on the sorted values) */
export function distribution(xs: readonly number[]): Record<'min' | 'q25' | 'median' | 'q75' | 'max', number | null> {
  if (xs.length === 0) return { min: null, q25: null, median: null, q75: null, max: null };
  const s = [...xs].sort((a, b) => a - b);
  const q = (f: number) => {
    const pos = f * (s.length - 1), lo = Math.floor(pos), hi = Math.ceil(pos);
    return round6(s[lo]! + (s[hi]! - s[lo]!) * (pos - lo));
  };
  return { min: q(0), q25: q(0.25), median: q(0.5), q75: q(0.75), max: q(1) };
}

/** Counts by a key, keys sorted (stable JSON). */
export function countBy<T>(xs: readonly T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
