// What a report needs to know about a run besides its events: the config it ran with, its instrument
// (the run config's definitions first, then the catalogue, then the spec stored with its bars), the
// account rate, its calendar and its step bars.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { Config, DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { resolveInstrument, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import type { TradingCalendar } from '../../../src-shared/instruments/types.ts';
import type { Db } from '../../store/db.ts';
import { getInstrument } from '../../store/instruments.ts';
import { runStepBars } from '../../store/report.ts';
import type { RunRow } from '../../store/trading.ts';
import { accountRate } from '../risk/currency.ts';
import { calendarOf } from '../kernel/calendar.ts';
import { STEP_MS } from '../kernel/mode.ts';

export interface RunContext {
  run: RunRow;
  config: Config;
  spec: InstrumentSpec | null;
  /** account currency per unit of the instrument's (null: unknown) */
  rate: number | null;
  calendar: TradingCalendar | null;
  stepMs: number;
  bars: Bar[];
  notes: string[];
}

export function runContext(db: Db, run: RunRow): RunContext {
  const notes: string[] = [];
  const config = runConfig(run.config_json, notes);
  const spec = resolveInstrument(run.symbol, config.instruments) ?? getInstrument(db, run.symbol) ?? null;
  if (!spec) notes.push(`instrument ${run.symbol} is neither defined nor stored: open positions are not marked and no synergy is re-traded`);
  let rate: number | null = null;
  if (spec) {
    try {
      rate = accountRate(spec, config.risk);
    } catch (e) {
      notes.push(`no account rate: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const { bars, note } = runStepBars(db, run);
  if (note) notes.push(note);
  if (run.finished_at === null) notes.push('the run is not finished: the report covers the steps it has traded so far');
  return { run, config, spec, rate, calendar: spec ? calendarOf(spec) : null, stepMs: STEP_MS[run.timeframe], bars, notes };
}

/** The run's config as stored (defaults for keys added since, as the app reads an older config file). */
function runConfig(json: string, notes: string[]): Config {
  const raw = JSON.parse(json) as Partial<Config>;
  const parsed = Config.safeParse(raw);
  if (parsed.success) return parsed.data;
  notes.push('the run\'s stored config does not validate today: its values are read over the defaults');
  const d = DEFAULT_CONFIG;
  return {
    ...d, ...raw, risk: { ...d.risk, ...raw.risk }, exec: { ...d.exec, ...raw.exec }, decision: { ...d.decision, ...raw.decision },
    instruments: Array.isArray(raw.instruments) ? raw.instruments : [],
  };
}
