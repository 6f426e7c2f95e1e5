// LVN never fails on real data (issue 12): a month of BTC 1-minute bars with a 0.01 tick (the generic
// instrument's before issue 13; a trader's own instrument may still state it). LVN's profile would need up to
// ~500,000 levels of 0.01; the adaptive grid bins it coarser instead, says so once (onNote), and no
// indicator fails. MLMI (and NW-RQK) come out exactly as in a run where LVN is down on every bar,
// and MLMI equals a standalone MLMI fed the same 30m bars.
import { describe, it, expect, beforeAll } from 'vitest';
import { IndicatorPipeline, type IndicatorFault, type IndicatorNote } from '../../../src-main/engine/pipeline.ts';
import { Mlmi } from '../../../src-main/engine/indicators/mlmi.ts';
import { MAX_LEVELS } from '../../../src-main/engine/indicators/lvn.ts';
import { openFeed } from '../../../src-main/engine/feed/index.ts';
import { BarSet } from '../../../src-main/engine/bars/bar-set.ts';
import { inputMinutes } from '../../../src-main/engine/feed/input-minutes.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { zone } from '../../../src-shared/time.ts';
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { IndicatorRow } from '../../../src-shared/domain/indicators.ts';
import { dataFile } from '../../helpers/data.ts';

const MLMI = ['mlmi', 'mlmi_ma', 'mlmi_signal', 'mlmi_records'];
const NWRQK = ['nwrqk', 'nwrqk_yhat2', 'nwrqk_slope', 'nwrqk_signal'];
const LVN = ['lvn_price', 'lvn_strength', 'lvn_distance', 'lvn_poc'];

let BARS: Bar[] = [];
let TZ = '';
let TICK = 0;

interface Run { rows30: IndicatorRow[]; bars30: Bar[]; faults: IndicatorFault[]; notes: IndicatorNote[]; p: IndicatorPipeline; maxLevels: number }

function run(lvnDown: boolean): Run {
  const faults: IndicatorFault[] = [], notes: IndicatorNote[] = [];
  const p = new IndicatorPipeline({
    config: DEFAULT_CONFIG, exchangeTz: TZ, tickSize: TICK, mode: '5m',
    faults: lvnDown ? { before(name) { if (name === 'indicators.30m.lvn') throw new Error('lvn disabled'); } } : null,
    onFault: (f) => faults.push(f), onNote: (n) => notes.push(n),
  });
  p.stage30.skipMmdBefore = Infinity; // MMD is irrelevant here and the costly one
  const rows30: IndicatorRow[] = [], bars30: Bar[] = [];
  let maxLevels = 0;
  for (const b of BARS) {
    const o = p.push5m(b);
    if (!o.bar30) continue;
    rows30.push({ ...o.row30! });
    bars30.push(o.bar30);
    if (!lvnDown) maxLevels = Math.max(maxLevels, p.stage30.lvn.profile().volumes.length);
  }
  return { rows30, bars30, faults, notes, p, maxLevels };
}

const cols = (rows: IndicatorRow[], names: string[]) => rows.map((r) => names.map((c) => r[c]));

let normal: Run;
let down: Run;
beforeAll(() => {
  const opened = openFeed(dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), {});
  if (!opened.ok) throw new Error(`cannot open the BTC file: ${JSON.stringify(opened.problem)}`);
  const info = opened.value.info;
  // issue 13 removed the silent generic instrument: the fine tick is stated here, in the file's zone
  TZ = info.sourceTz;
  TICK = 0.01;
  const set = new BarSet(zone(TZ), inputMinutes(info), (_tf, b) => BARS.push({ ...b }), ['5m']);
  for (const chunk of opened.value.chunks()) set.push(chunk);
  set.flush();
  normal = run(false);
  down = run(true);
}, 180_000);

describe('LVN on BTC 1-minute bars with a 0.01 tick', () => {
  it('runs with the 0.01 tick, ~1,500 30m bars', () => {
    expect(TICK).toBe(0.01);
    expect(BARS.length).toBe(9007);
    expect(normal.bars30.length).toBeGreaterThan(1400);
  });

  it('no indicator fails; LVN has a value (or the empty flag: a POC) on every 30m bar after its warm-up', () => {
    expect(normal.faults).toEqual([]);
    for (const g of Object.values(normal.p.guards)) expect(g.errors).toBe(0);
    const afterWarmup = normal.rows30.slice(19);
    expect(afterWarmup.every((r) => r.lvn_poc !== null)).toBe(true);
    expect(afterWarmup.filter((r) => r.lvn_price !== null).length).toBeGreaterThan(0.95 * afterWarmup.length);
  });

  it('bins the profile coarser where it must, within MAX_LEVELS, and says so once', () => {
    const lvn = normal.p.stage30.lvn;
    expect(lvn.coarseBars).toBeGreaterThan(0);
    expect(normal.maxLevels).toBeLessThanOrEqual(MAX_LEVELS);
    expect(normal.notes).toHaveLength(1);
    const n = normal.notes[0]!;
    expect(n.indicator).toBe('indicators.30m.lvn');
    expect(normal.bars30.map((b) => b.t)).toContain(n.barT);
    expect(n.message).toMatch(/more than 100000 levels of 0\.01; LVN bins it by 0\.0[25] \(\d+ levels\)/);
  });

  it('MLMI and NW-RQK are exactly those of a run where LVN is down on every bar', () => {
    expect(down.faults.length).toBeGreaterThan(0);
    expect(down.faults.every((f) => f.indicator === 'indicators.30m.lvn' && f.reason === 'lvn disabled')).toBe(true);
    expect(down.rows30.every((r) => LVN.every((c) => r[c] === null))).toBe(true);
    expect(down.bars30).toEqual(normal.bars30);
    expect(cols(down.rows30, MLMI)).toEqual(cols(normal.rows30, MLMI));
    expect(cols(down.rows30, NWRQK)).toEqual(cols(normal.rows30, NWRQK));
  });

  it('MLMI equals a standalone MLMI fed the same 30m bars', () => {
    const m = new Mlmi(DEFAULT_CONFIG.indicators.mlmi, DEFAULT_CONFIG.indicators.source30);
    const want = normal.bars30.map((b) => {
      const o = m.update(b);
      return [o.ready ? o.value : null, o.maReady ? o.ma : null, o.signalReady ? o.signal : null, o.records];
    });
    expect(cols(normal.rows30, MLMI)).toEqual(want);
    expect(want.filter((r) => r[0] !== null).length).toBeGreaterThan(1400); // MLMI has values on nearly every bar
  });
});
