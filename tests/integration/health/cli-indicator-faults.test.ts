// `npm run cli -- indicators` when an indicator fails (issue 12): the CSV still goes to stdout, with
// only the failed indicator's cells empty (on the failing bar and while it warms up again); stderr
// has one line per failure with the bar time (ISO) and the reason, and a count at the end; exit 1.
// Run in-process with the pipeline's fault hook (the command has no way to make a real indicator fail).
import { describe, it, expect, beforeAll } from 'vitest';
import { runIndicators } from '../../../src-main/cli/indicators.ts';
import { zone } from '../../../src-shared/time.ts';
import { dataFile } from '../../helpers/data.ts';

const FILE = dataFile('firstratedata/nq_futures_2023-11/NQ_30min_sample.csv');
const ARGS = [FILE, '--timeframe', '30m', '--instrument', 'NQ', '--tz', 'America/New_York'];
const LVN = ['lvn_price', 'lvn_strength', 'lvn_distance', 'lvn_poc'];
/** the 50th and 150th LVN calls throw: 30m bars 49 and 149 (one call per bar while its breaker is closed) */
const FAIL = [49, 149];

interface Out { code: number; csv: string[][]; header: string[]; err: string[] }

async function cli(failing: number[]): Promise<Out> {
  let stdout = '', stderr = '', calls = 0;
  const faults = { before(name: string) { if (name === 'indicators.30m.lvn' && failing.includes(calls++)) throw new Error('injected lvn fault'); } };
  const code = await runIndicators(ARGS, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, faults });
  const [header, ...rows] = stdout.trimEnd().split('\n').map((l) => l.split(','));
  return { code, csv: rows, header: header!, err: stderr.trimEnd().split('\n') };
}

let clean: Out;
let faulty: Out;
beforeAll(async () => {
  clean = await cli([]);
  faulty = await cli(FAIL);
}, 120_000);

describe('indicators CLI with a failing indicator', () => {
  it('a clean run reports no failures and exits 0', () => {
    expect(clean.code).toBe(0);
    expect(clean.err.at(-1)).toBe('indicators: no indicator failures');
    expect(clean.csv.length).toBeGreaterThan(FAIL[1]! + 30);
  });

  it('one stderr line per failure with the bar time (ISO) and reason, a count at the end, exit 1', () => {
    expect(faulty.code).toBe(1);
    const lines = faulty.err.filter((l) => l.includes(' failed: '));
    expect(lines).toHaveLength(2);
    // the times are the failing 30m bars' starts: the CSV shows them in the file's zone
    const ny = zone('America/New_York');
    lines.forEach((l, i) => {
      const m = /^indicators: (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) indicators\.30m\.lvn failed: injected lvn fault$/.exec(l);
      expect(m, l).not.toBeNull();
      expect(ny.format(Date.parse(m![1]!))).toBe(faulty.csv[FAIL[i]!]![0]);
    });
    expect(faulty.err.at(-1)).toBe('indicators: 2 indicator failures (indicators.30m.lvn 2); their columns are empty on those bars and until they warmed up again');
  });

  it('still writes the whole CSV; only LVN cells differ, empty on the failing bar and the 19 bars of its warm-up', () => {
    expect(faulty.header).toEqual(clean.header);
    expect(faulty.csv.length).toBe(clean.csv.length);
    const lvnAt = LVN.map((c) => faulty.header.indexOf(c));
    expect(lvnAt.every((i) => i > 0)).toBe(true);
    const others = (r: string[]) => r.filter((_, i) => !lvnAt.includes(i));
    for (let i = 0; i < clean.csv.length; i++) expect(others(faulty.csv[i]!), `row ${i}`).toEqual(others(clean.csv[i]!));
    const poc = faulty.header.indexOf('lvn_poc');
    for (const f of FAIL) {
      for (let i = f; i < f + 20; i++) expect(lvnAt.map((c) => faulty.csv[i]![c])).toEqual(['', '', '', '']);
      expect(faulty.csv[f + 20]![poc]).toBe(clean.csv[f + 20]![poc]); // the 20-bar profile is whole again
      expect(faulty.csv[f + 20]![poc]).not.toBe('');
    }
  });
});
