// The import form's instrument definition (issue 13): the engine's guesses in, text fields the trader
// edits, and out a `instruments:` entry checked with the config's own schema, errors per field.
import { UserInstrument } from '../../src-shared/config.ts';
import { kindDefaults, type InstrumentDraft, type UserInstrumentInput } from '../../src-shared/ipc-instruments.ts';
import type { CommissionModel } from '../../src-shared/ipc.ts';
import { isValidZone } from '../../src-shared/time.ts';
import { decimalsFor } from './format.ts';

export type Kind = 'future' | 'equity' | 'fx' | 'crypto';
export type CommissionKind = 'per_contract' | 'per_share' | 'bps';

export interface InstrumentFields {
  symbol: string; kind: Kind | ''; exchange: string; exchange_tz: string; tick_size: string; point_value: string;
  currency: string; calendar: string; commission: CommissionKind;
  per_side: string; per_share: string; min_per_order: string; max_pct_of_value: string; bps: string;
}

/** 1e-8 as 0.00000001: a trader reads ticks as decimals, not in exponent form. */
export function plainNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  const s = String(n);
  return /e-/i.test(s) ? n.toFixed(decimalsFor(n)) : s;
}
const txt = plainNumber;

function commissionFields(c: InstrumentDraft['commission']): Pick<InstrumentFields, 'commission' | 'per_side' | 'per_share' | 'min_per_order' | 'max_pct_of_value' | 'bps'> {
  const blank = { per_side: '', per_share: '', min_per_order: '', max_pct_of_value: '', bps: '' };
  if (!c) return { commission: 'per_contract', ...blank };
  if (c.kind === 'per_contract') return { commission: c.kind, ...blank, per_side: txt(c.per_side) };
  if (c.kind === 'per_share') return { commission: c.kind, ...blank, per_share: txt(c.per_share), min_per_order: txt(c.min_per_order), max_pct_of_value: txt(c.max_pct_of_value) };
  return { commission: c.kind, ...blank, bps: txt(c.bps), min_per_order: txt(c.min_per_order) };
}

export function fieldsFromDraft(d: InstrumentDraft): InstrumentFields {
  return {
    symbol: d.symbol ?? '', kind: d.kind ?? '', exchange: d.exchange ?? '', exchange_tz: d.exchange_tz,
    tick_size: txt(d.tick_size), point_value: txt(d.point_value), currency: d.currency ?? '', calendar: d.calendar ?? '',
    ...commissionFields(d.commission),
  };
}

/** A new kind brings its usual calendar and commission; a point value already typed is kept. */
export function withKind(f: InstrumentFields, kind: Kind): InstrumentFields {
  const d = kindDefaults(kind);
  return { ...f, kind, calendar: d.calendar ?? f.calendar, point_value: f.point_value || txt(d.point_value), ...commissionFields(d.commission) };
}

/** '' → missing (the schema says so), else the number typed (NaN is refused by the schema). */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));
const numOr = (s: string, dflt: number | null): number | null | undefined => (s.trim() === '' ? dflt : Number(s.trim()));

export function toInput(f: InstrumentFields): Record<string, unknown> {
  const commission = f.commission === 'per_contract' ? { kind: f.commission, per_side: numOr(f.per_side, null) }
    : f.commission === 'per_share' ? { kind: f.commission, per_share: num(f.per_share), min_per_order: numOr(f.min_per_order, 0), max_pct_of_value: numOr(f.max_pct_of_value, 1) }
      : { kind: f.commission, bps: num(f.bps), min_per_order: numOr(f.min_per_order, 0) };
  return {
    symbol: f.symbol.trim().toUpperCase(), kind: f.kind || undefined, ...(f.exchange.trim() ? { exchange: f.exchange.trim() } : {}),
    exchange_tz: f.exchange_tz.trim(), tick_size: num(f.tick_size), point_value: num(f.point_value),
    currency: f.currency.trim().toUpperCase(), calendar: f.calendar || undefined, commission,
  };
}

function message(i: { code: string; message: string; input?: unknown; minimum?: unknown; inclusive?: boolean }): string {
  if (i.input === undefined || (i.code === 'invalid_type' && Number.isNaN(i.input))) return i.input === undefined ? 'required' : 'a number';
  if (i.code === 'too_small') return `must be ${i.inclusive ? '≥' : '>'} ${String(i.minimum)}`;
  if (i.code === 'invalid_value') return 'choose one';
  return i.message;
}

/** The entry, or the problems by field (`tick_size`, `commission.bps`): the config's schema, plus a real zone. */
export function checkFields(f: InstrumentFields): { ok: true; value: UserInstrumentInput } | { ok: false; errors: Record<string, string> } {
  const input = toInput(f);
  const r = UserInstrument.safeParse(input, { reportInput: true });
  const errors: Record<string, string> = {};
  if (!r.success) for (const i of r.error.issues) errors[i.path.join('.')] ??= message(i as never);
  if (f.exchange_tz.trim() && !isValidZone(f.exchange_tz.trim())) errors.exchange_tz = 'not a time zone (e.g. America/Chicago, UTC)';
  return Object.keys(errors).length === 0 ? { ok: true, value: input as UserInstrumentInput } : { ok: false, errors };
}

/** `$2.50 / side`, `0.005 / share, min 1, max 1 %`, `10 bps, min 0` (in the instrument's currency). */
export function commissionText(c: CommissionModel | null, currency: string | null): string {
  if (!c) return '—';
  const cur = currency ?? '';
  if (c.kind === 'per_contract') return c.perSide === null ? 'exec rate / side' : `${c.perSide} ${cur} / side`;
  if (c.kind === 'per_share') return `${c.perShare} ${cur} / share, min ${c.minPerOrder}, max ${+(c.maxPctOfValue * 100).toPrecision(4)} %`;
  return `${c.bps} bps${c.minPerOrder > 0 ? `, min ${c.minPerOrder} ${cur}` : ''}`;
}
