// The kernel hands the instrument's calendar (spec.calendar, issue 13) to the pipeline, so every driver
// (app replay, CLI, training, counts) breaks synergy sessions where the exchange does.
import { describe, it, expect, vi } from 'vitest';
import { Kernel, type KernelSpec } from '../../../../src-main/engine/kernel/kernel.ts';
import type { SynergyStepInput } from '../../../../src-main/engine/synergy/detector.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { findInstrument } from '../../../../src-shared/instruments.ts';

const ct = (y: number, mo: number, d: number, h: number, mi = 0): number => Date.UTC(y, mo - 1, d, h + 6, mi);
const ES = findInstrument('ES')!;

function sessionStarts(spec: KernelSpec, times: number[]): { k: Kernel; got: boolean[] } {
  const k = new Kernel({ config: DEFAULT_CONFIG, spec, mode: '5m', inputMinutes: 5, trading: null });
  const got: boolean[] = [];
  const det = k.pipeline.synergy, step = det.step.bind(det);
  vi.spyOn(det, 'step').mockImplementation((i: SynergyStepInput) => { got.push(i.sessionStart); return step(i); });
  for (const t of times) k.step({ t, o: 100, h: 101, l: 99, c: 100, v: 1 });
  return { k, got };
}

describe('Kernel: the calendar of the spec', () => {
  // Tuesday 6 Feb 2024: 15:55 CT is the last bar of the session, 17:00 CT the first of the next
  const times = [ct(2024, 2, 6, 15, 50), ct(2024, 2, 6, 15, 55), ct(2024, 2, 6, 17, 0)];

  it('a spec naming a calendar breaks sessions at its halts', () => {
    expect(ES.calendar).toBe('cme-equity'); // the catalogue's
    const { k, got } = sessionStarts(ES, times);
    expect(k.calendar?.id).toBe('cme-equity');
    expect(got).toEqual([true, false, true]);
  });

  it('a spec without one (a file of an unknown instrument: only its zone and price grid) breaks at a gap over 30 min', () => {
    const { k, got } = sessionStarts({ exchangeTz: ES.exchangeTz, tickSize: ES.tickSize }, times);
    expect(k.calendar).toBeNull();
    // 16:00 (end of the 15:55 bar) → 17:00 is a 60-minute gap
    expect(got).toEqual([true, false, true]);
  });
});
