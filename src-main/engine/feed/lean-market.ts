// The time zone of a LEAN data file depends on its market, not on its format (issue 13).
// Source: QuantConnect/Lean `Data/market-hours/market-hours-database.json` at commit 24863901 (the
// commit our lean/ fixtures come from). Its wildcard entries give "dataTimeZone":
//   "Equity-usa-[*]" America/New_York; "Future-cme-[*]", "Future-cbot-[*]", "Future-nymex-[*]",
//   "Future-comex-[*]", "Future-cfe-[*]", "Future-sgx-[*]", "Future-nyseliffe-[*]" UTC (every symbol
//   entry of these markets says UTC too); "Future-eurex-[*]" Europe/Berlin; "Future-hkfe-[*]"
//   Asia/Hong_Kong; "Future-krx-[*]" Asia/Seoul; "Future-india-[*]" Asia/Kolkata.
// ICE is left out: its wildcard says UTC but "Future-ice-DX" says America/New_York, so the market
// alone does not tell (an ICE instrument must carry dataTz.lean, or the user gives --tz).
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import type { TzSource } from './types.ts';

export type LeanType = 'equity' | 'future';

export const LEAN_DATA_TZ: Readonly<Record<LeanType, Readonly<Record<string, string>>>> = {
  equity: { usa: 'America/New_York' },
  future: {
    cme: 'UTC', cbot: 'UTC', nymex: 'UTC', comex: 'UTC', cfe: 'UTC', sgx: 'UTC', nyseliffe: 'UTC',
    eurex: 'Europe/Berlin', hkfe: 'Asia/Hong_Kong', krx: 'Asia/Seoul', india: 'Asia/Kolkata',
  },
};

/** `…/future/<market>/minute/<symbol>/<file>` (LEAN's Data/ layout): the market, lower case; null outside that layout. */
export function leanPathMarket(path: string, type: LeanType): string | null {
  const parts = path.split(/[\\/]/);
  // <type>/<market>/<resolution>/<symbol>/<file>
  const i = parts.length - 5;
  if (i < 0 || parts[i]!.toLowerCase() !== type) return null;
  if (!/^(tick|second|minute|hour|daily)$/i.test(parts[i + 2]!)) return null;
  return parts[i + 1]!.toLowerCase();
}

export interface LeanZone {
  tz: string;
  src: TzSource;
  /** where the zone came from, for the layout line */
  note: string;
}

/**
 * The zone of a LEAN file's times: the market in the path (table above), checked against the
 * instrument's own LEAN zone; else the instrument's (a future's dataTz.lean, an equity's exchange zone:
 * LEAN equity data are in exchange time). The format fixes the zone, so a given --tz only decides what
 * the file cannot (no market, an unknown one, a clash); anything else is a Problem, never a guessed UTC.
 */
export function leanZone(type: LeanType, path: string, file: string, inst: InstrumentSpec | undefined, given?: string): Result<LeanZone> {
  const found = formatZone(type, path, file, inst);
  if (!found.ok) return given ? ok({ tz: given, src: 'given', note: `zone ${given} given (${found.problem.message.replace(`${file}: `, '')})` }) : found;
  if (given && given !== found.value.tz) return ok({ ...found.value, note: `${found.value.note}; given zone ${given} not used` });
  return found;
}

function formatZone(type: LeanType, path: string, file: string, inst: InstrumentSpec | undefined): Result<LeanZone> {
  const market = leanPathMarket(path, type);
  const own = inst ? inst.dataTz?.lean ?? (inst.kind === 'equity' ? inst.exchangeTz : undefined) : undefined;
  if (market !== null) {
    const tz = LEAN_DATA_TZ[type][market];
    if (tz === undefined) {
      return fail('unknown-market', `${file}: LEAN ${type} market '${market}' is not known, so the zone of its times is not either; give --tz`, {
        file, field: 'market', expected: Object.keys(LEAN_DATA_TZ[type]).join(' | '), got: market,
      });
    }
    if (own !== undefined && own !== tz) {
      return fail('market-mismatch', `${file}: the folder says LEAN market '${market}' (times in ${tz}) but ${inst!.symbol}'s LEAN data are in ${own}; move the file or give --tz`, {
        file, field: 'market', expected: `a market whose data are in ${own}`, got: market,
      });
    }
    return ok({ tz, src: 'format', note: `LEAN ${market} data in ${tz}` });
  }
  if (own !== undefined) return ok({ tz: own, src: 'format', note: `${inst!.symbol} LEAN data in ${own}` });
  return fail('unknown-market', `${file}: cannot tell the LEAN market (its times are UTC for CME Group, Europe/Berlin for Eurex …); keep LEAN's folders (${type}/<market>/minute/<symbol>/), name a known --instrument or give --tz`, {
    file, field: 'market', expected: `a path …/${type}/<market>/<resolution>/<symbol>/${file}`, got: path,
  });
}
