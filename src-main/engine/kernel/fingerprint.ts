// One run fingerprint for every driver: what makes two runs give the same decision stream. A run
// resumes (CLI after a kill, app after a restart) only under the same fingerprint.
//   data     what the source replays: the file's sha256 (CLI), the stored imports of the instrument (app)
//   trading  the config sections that decide and trade (indicators to execution; not replay pacing,
//            alerts or logging, which cannot change a decision)
//   model    the decision model's content hash (null: the rule path)
//   instrument the spec it trades with (tick, point value, currency, commission, calendar: issue 13)
//   code     the app version
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments.ts';
import { APP_VERSION } from '../version.ts';
import type { StepMode } from './mode.ts';

export interface FingerprintParts {
  data: string;
  symbol: string;
  /** the instrument's spec: a changed commission or calendar changes the stream */
  spec: InstrumentSpec | null;
  mode: StepMode;
  config: Config;
  model: string | null;
}

/** The config sections that decide and trade (exec carries auto-approve). */
export function tradingSettings(c: Config): unknown[] {
  return [c.indicators, c.matrices, c.synergy, c.decision, c.risk, c.exec];
}

export function runFingerprint(p: FingerprintParts): string {
  return createHash('sha256').update(JSON.stringify({
    code: APP_VERSION, data: p.data, symbol: p.symbol, spec: p.spec, mode: p.mode, trading: tradingSettings(p.config), model: p.model,
  })).digest('hex');
}

/** A model's identity in runs and fingerprints: file name and the first 64 bits of its content's sha256. */
export function modelId(file: string | null): string | null {
  if (file === null) return null;
  return `${basename(file)}:${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16)}`;
}
