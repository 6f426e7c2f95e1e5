// The column order of the `indicators` CLI and of the stored values: 30m-stage columns, then 5m-stage.
import { COLUMNS_30M } from './indicators/stage-30m.ts';
import { COLUMNS_5M } from './indicators/stage-5m.ts';
import { createHash } from 'node:crypto';
import type { Config } from '../../src-shared/config.ts';

export const INDICATOR_COLUMNS: readonly string[] = [...COLUMNS_30M, ...COLUMNS_5M];
export { COLUMNS_30M, COLUMNS_5M };

/**
 * The indicators' own revision: raised when a change of code changes stored values, so a database
 * written by an older version recomputes them at start-up (2: LVN's adaptive grid and grid-edge tolerance).
 */
const INDICATOR_CODE_REVISION = 2;

/** Identifies the indicator parameters (and code revision) stored values were computed with. */
export function indicatorConfigHash(config: Config): string {
  return createHash('sha256').update(JSON.stringify({ indicators: config.indicators, matrices: config.matrices, revision: INDICATOR_CODE_REVISION }))
    .digest('hex').slice(0, 16);
}
