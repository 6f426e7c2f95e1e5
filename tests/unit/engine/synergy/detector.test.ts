// SPEC §4.2–§4.4: the sequence state machine, patterns and event; R12's timeline A–I.
import { describe, it, expect } from 'vitest';
import { SynergyDetector } from '../../../../src-main/engine/synergy/detector.ts';
import { PATTERNS, SYNERGY_TYPES, type SynergyType } from '../../../../src-main/engine/synergy/patterns.ts';
import { patternQuality, type SynergyEvent } from '../../../../src-main/engine/synergy/event.ts';
import { mlmiSignal, type Direction, type Signal, type SignalType } from '../../../../src-main/engine/synergy/signals.ts';
import { CFG, K, OPEN, endOf, mlmiOut, M, N, F } from './helpers.ts';

type At = { bar: number; signals: Signal[]; sessionStart?: boolean };
type Emitted = { bar: number; ev: SynergyEvent };

/** Run every 5m step from the first bar through `last` (empty steps included); collect emits. */
function runSteps(det: SynergyDetector, at: At[], last = Math.max(...at.map((a) => a.bar))): Emitted[] {
  const out: Emitted[] = [];
  for (let b = 0; b <= last; b++) {
    const hits = at.filter((a) => a.bar === b);
    const signals = hits.flatMap((a) => a.signals);
    const sessionStart = b === 0 || hits.some((a) => a.sessionStart);
    const ev = det.step({ bar: b, time: endOf(b), sessionStart, signals });
    if (ev) out.push({ bar: b, ev });
  }
  return out;
}
const make = (signal: Record<SignalType, (d: Direction) => Signal>) => signal;
const SIG = make({ mlmi: (d) => M(d), nwrqk: (d) => N(d), fvg: (d) => F(d) });

describe('R12 synergy timeline (W = 10, C = 5; 30m signals only on b ≡ 5 mod 6)', () => {
  const I = mlmiSignal(mlmiOut(1, 90), K, CFG); // case I: gated out
  const timeline: At[] = [
    { bar: 11, signals: [M(1)] }, { bar: 17, signals: [N(1)] }, { bar: 19, signals: [F(1)] }, // A
    { bar: 23, signals: [M(-1), N(-1), F(-1)] }, // B
    { bar: 41, signals: [M(1)] }, { bar: 47, signals: [N(1)] }, { bar: 52, signals: [F(1)] }, // C
    { bar: 59, signals: [N(-1)] }, { bar: 65, signals: [M(1)] }, { bar: 66, signals: [F(-1)] }, // D
    { bar: 71, signals: [N(-1)] }, { bar: 73, signals: [F(-1)] }, { bar: 77, signals: [M(-1)] }, // E
    { bar: 90, signals: [F(1)] }, { bar: 95, signals: [M(1)] }, { bar: 101, signals: [N(1)] }, { bar: 103, signals: [F(1)] }, // F
    { bar: 113, signals: [N(1)] }, { bar: 119, signals: [M(1)] }, { bar: 121, signals: [F(1)] }, // G
    { bar: 125, signals: [M(-1)] }, { bar: 128, signals: [F(-1)] }, { bar: 131, signals: [N(-1)] }, // H
    { bar: 137, signals: I ? [I] : [] }, // I
  ];
  const emitted = runSteps(new SynergyDetector(CFG), timeline, 150);

  it('the fixture respects the 30m cadence', () => {
    for (const a of timeline) for (const s of a.signals) if (s.type !== 'fvg') expect(a.bar % 6).toBe(5);
  });
  it('emits exactly A (TYPE_1 +1 @19), E (TYPE_3 −1 @77), F (TYPE_1 +1 @103), G (TYPE_4 +1 @121), H (TYPE_2 −1 @131)', () => {
    expect(emitted.map((e) => [e.ev.synergy_type, e.ev.direction, e.bar])).toEqual([
      ['TYPE_1', 1, 19], ['TYPE_3', -1, 77], ['TYPE_1', 1, 103], ['TYPE_4', 1, 121], ['TYPE_2', -1, 131],
    ]);
  });
  it('A: bars_to_complete 9, strengths 0.65/0.4/0.15, pattern_quality 0.37, the event in full', () => {
    const ev = emitted[0]!.ev;
    expect(ev.metadata.bars_to_complete).toBe(9);
    expect(ev.metadata.pattern_quality).toBeCloseTo(0.37, 12);
    expect(ev.signal_strengths.mlmi).toBe(0.65);
    expect(ev.signal_strengths.nwrqk).toBeCloseTo(0.4, 12);
    expect(ev.signal_strengths.fvg).toBeCloseTo(0.15, 12);
    expect(ev).toMatchObject({ confidence: 1, bar_index: 19, time: endOf(19), bar_start: endOf(19) - 300_000 });
    expect(ev.market_context).toBeUndefined();
    expect(ev.signals.map((s) => [s.type, s.direction, s.bar_index, s.time])).toEqual([
      ['mlmi', 1, 11, endOf(11)], ['nwrqk', 1, 17, endOf(17)], ['fvg', 1, 19, endOf(19)],
    ]);
    expect(ev.signals[0]!.meta).toEqual({ mlmi: 130, mlmi_ma: 125, N: 40 });
    expect(ev.signals[1]).toMatchObject({ value: 5000, meta: { slope: 0.0004, yhat2: 5001 } });
    expect(ev.signals[2]!.meta).toMatchObject({ gap_frac: 0.0015, created_bar: 3 });
  });
  it('B: the sequence @23 completes inside the cooldown (23 − 19 = 4 < 5): nothing', () => {
    expect(emitted.some((e) => e.bar === 23)).toBe(false);
  });
  it('C: 52 − 41 = 11 > 10 expires, and the FVG cannot start a sequence; D: direction resets', () => {
    expect(emitted.some((e) => e.bar >= 41 && e.bar <= 66)).toBe(false);
  });
  it('E, F, G, H: bars_to_complete 7, 9 (first FVG ignored), 9, 7', () => {
    expect(emitted.slice(1).map((e) => e.ev.metadata.bars_to_complete)).toEqual([7, 9, 9, 7]);
    expect(emitted[2]!.ev.signals[0]!.bar_index).toBe(95);
  });
  it('I: mlmi = 90 with k = 200 gives no signal (90 ≤ 100)', () => {
    expect(I).toBeNull();
  });
  it('F: an FVG alone leaves the detector idle', () => {
    const det = new SynergyDetector(CFG);
    runSteps(det, [{ bar: 90, signals: [F(1)] }]);
    expect(det.pending).toEqual([]);
  });
});

describe('the four patterns', () => {
  // pattern p, direction d, signals at b0, b0+3, b0+6 (b0 chosen past any cooldown)
  const seq = (p: SynergyType, d: Direction, b0: number, gap = 3): At[] => seqAt(p, d, [b0, b0 + gap, b0 + 2 * gap]);
  const seqAt = (p: SynergyType, d: Direction, bars: readonly number[]): At[] =>
    PATTERNS[p].map((t, i) => ({ bar: bars[i]!, signals: [SIG[t](d)] }));

  for (const p of SYNERGY_TYPES) {
    describe(`${p} (${PATTERNS[p].join(' → ')})`, () => {
      it('fires in its order, long and short', () => {
        for (const d of [1, -1] as const) {
          const e = runSteps(new SynergyDetector(CFG), seq(p, d, 10));
          expect(e.map((x) => [x.ev.synergy_type, x.ev.direction, x.bar])).toEqual([[p, d, 16]]);
          expect(e[0]!.ev.signals.map((s) => s.type)).toEqual(PATTERNS[p]);
        }
      });
      it('not when FVG comes first (FVG is dropped, two signals stay pending)', () => {
        const [a, b] = PATTERNS[p].filter((t) => t !== 'fvg');
        const det = new SynergyDetector(CFG);
        const e = runSteps(det, [
          { bar: 10, signals: [F(1)] }, { bar: 13, signals: [SIG[a!](1)] }, { bar: 16, signals: [SIG[b!](1)] },
        ]);
        expect(e).toEqual([]);
        expect(det.pending).toEqual([a, b]);
      });
      it('not when the last signal disagrees in direction', () => {
        const at = seq(p, 1, 10);
        at[2] = { bar: 16, signals: [SIG[PATTERNS[p][2]](-1)] };
        expect(runSteps(new SynergyDetector(CFG), at)).toEqual([]);
      });
      it('not outside the window (b − b0 = 11), but at its edge (b − b0 = 10)', () => {
        const late = new SynergyDetector(CFG);
        expect(runSteps(late, seqAt(p, 1, [10, 13, 21]))).toEqual([]);
        // the third signal restarts the sequence, unless it is an FVG
        expect(late.pending).toEqual(PATTERNS[p][2] === 'fvg' ? [] : [PATTERNS[p][2]]);
        expect(runSteps(new SynergyDetector(CFG), seqAt(p, 1, [10, 13, 20])).map((x) => x.bar)).toEqual([20]);
      });
      it('not in the cooldown (4 bars after an emit), but 5 bars after', () => {
        const first = seq(p, 1, 10); // emits @16
        const inCool = runSteps(new SynergyDetector(CFG), [...first, ...seq(p, -1, 18, 1)]); // completes @20
        expect(inCool.map((x) => x.bar)).toEqual([16]);
        const after = runSteps(new SynergyDetector(CFG), [...first, ...seq(p, -1, 19, 1)]); // completes @21
        expect(after.map((x) => [x.bar, x.ev.direction])).toEqual([[16, 1], [21, -1]]);
      });
      it('a session break clears a pending sequence', () => {
        const at = seq(p, 1, 10);
        at[2] = { ...at[2]!, sessionStart: true };
        expect(runSteps(new SynergyDetector(CFG), at)).toEqual([]);
      });
      it('a session break clears the cooldown', () => {
        const at = [...seq(p, 1, 10), ...seq(p, 1, 17, 1)]; // second completes @19: in cooldown
        expect(runSteps(new SynergyDetector(CFG), at).map((x) => x.bar)).toEqual([16]);
        at[3] = { ...at[3]!, sessionStart: true };
        expect(runSteps(new SynergyDetector(CFG), at).map((x) => x.bar)).toEqual([16, 19]);
      });
    });
  }
});

describe('SynergyDetector rules', () => {
  it('rule 4: a duplicate type is ignored and the first occurrence kept', () => {
    const e = runSteps(new SynergyDetector(CFG), [
      { bar: 5, signals: [M(1, 120)] }, { bar: 8, signals: [M(1, 180)] }, { bar: 11, signals: [N(1)] }, { bar: 12, signals: [F(1)] },
    ]);
    expect(e).toHaveLength(1);
    expect(e[0]!.ev.signals[0]).toMatchObject({ bar_index: 5, value: 120 });
    expect(e[0]!.ev.metadata.bars_to_complete).toBe(8);
  });
  it('a completing step discards its remaining signals', () => {
    const det = new SynergyDetector(CFG);
    // [nwrqk, fvg] pending; the step @11 carries mlmi (completes TYPE_3), then nwrqk and fvg
    const e = runSteps(det, [
      { bar: 5, signals: [N(1)] }, { bar: 7, signals: [F(1)] }, { bar: 11, signals: [M(1), N(1), F(1)] },
    ]);
    expect(e.map((x) => x.ev.synergy_type)).toEqual(['TYPE_3']);
    expect(det.pending).toEqual([]);
  });
  it('a cooldown clear does not discard the rest of the step', () => {
    const det = new SynergyDetector(CFG);
    const e = runSteps(det, [
      { bar: 5, signals: [M(1), N(1), F(1)] }, // TYPE_1 @5, bars_to_complete 1
      { bar: 6, signals: [N(1)] }, { bar: 7, signals: [F(1)] },
      { bar: 8, signals: [M(1), N(1)] }, // TYPE_3 completes in cooldown; the nwrqk starts anew
    ]);
    expect(e.map((x) => [x.ev.synergy_type, x.ev.metadata.bars_to_complete])).toEqual([['TYPE_1', 1]]);
    expect(det.pending).toEqual(['nwrqk']);
  });
  it('an expired or reversed sequence restarts with the new signal', () => {
    const det = new SynergyDetector(CFG);
    runSteps(det, [{ bar: 5, signals: [M(1)] }, { bar: 16, signals: [N(1)] }]);
    expect(det.pending).toEqual(['nwrqk']);
    runSteps(det, [{ bar: 17, signals: [M(-1)] }], 17);
    expect(det.pending).toEqual(['mlmi']);
  });
  it('pattern_quality falls with bars_to_complete (11 bars at most, 1 at least) and is clipped to [0, 1]', () => {
    const slow = runSteps(new SynergyDetector(CFG), [
      { bar: 0, signals: [M(1, 200)] }, { bar: 5, signals: [N(1, 0.01)] }, { bar: 10, signals: [F(1, 0.05)] },
    ])[0]!.ev;
    expect(slow.metadata).toEqual({ bars_to_complete: 11, pattern_quality: expect.closeTo(0.67, 12) });
    const fast = runSteps(new SynergyDetector(CFG), [{ bar: 3, signals: [M(1, 200), N(1, 0.01), F(1, 0.05)] }])[0]!.ev;
    expect(fast.metadata).toEqual({ bars_to_complete: 1, pattern_quality: expect.closeTo(0.97, 12) });
    // with window 10 the clip never binds (range 0.07 … 0.97); the lower edge does with a short window
    expect(patternQuality([0, 0, 0], 3, 1)).toBe(0);
  });
  it('is deterministic: two runs give identical events', () => {
    const at: At[] = [{ bar: 5, signals: [N(-1)] }, { bar: 8, signals: [M(-1)] }, { bar: 9, signals: [F(-1)] }];
    expect(JSON.stringify(runSteps(new SynergyDetector(CFG), at))).toBe(JSON.stringify(runSteps(new SynergyDetector(CFG), at)));
  });
  it('fails fast on a broken order within a step or a bar going back without a session start', () => {
    const det = new SynergyDetector(CFG);
    expect(() => det.step({ bar: 0, time: OPEN, sessionStart: true, signals: [F(1), M(1)] })).toThrow(/ordered/);
    expect(() => det.step({ bar: 1, time: OPEN, sessionStart: false, signals: [M(1), M(1)] })).toThrow(/ordered/);
    det.step({ bar: 5, time: OPEN, sessionStart: false, signals: [] });
    expect(() => det.step({ bar: 5, time: OPEN, sessionStart: false, signals: [] })).toThrow(/bar 5/);
    expect(det.step({ bar: 0, time: OPEN, sessionStart: true, signals: [] })).toBeNull(); // new session restarts at 0
  });
  it('armed: every synergy comes from an armed detector or three signals in one bar; stale or cooling sequences are not armed', () => {
    // seeded random signals over consecutive bars, with a session break now and then
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const det = new SynergyDetector(CFG);
    let fired = 0, armedSteps = 0, pendingNotArmed = 0, armedBefore = false;
    for (let b = 0; b < 5000; b++) {
      const d: Direction = rnd() < 0.8 ? 1 : -1;
      const signals: Signal[] = [];
      if (rnd() < 0.06) signals.push(M(d));
      if (rnd() < 0.06) signals.push(N(d));
      if (rnd() < 0.1) signals.push(F(d));
      const ev = det.step({ bar: b, time: endOf(b), sessionStart: b === 0 || rnd() < 0.005, signals });
      if (ev) {
        fired++;
        expect(armedBefore || signals.length === 3).toBe(true);
      }
      armedBefore = det.armed;
      if (armedBefore) armedSteps++;
      else if (det.pending.length > 0) pendingNotArmed++;
    }
    expect(fired).toBeGreaterThan(20);
    expect(armedSteps).toBeGreaterThan(0);
    expect(pendingNotArmed).toBeGreaterThan(0); // stricter than "a sequence is pending"
  });

  it('armed ends when the window passes and waits out the cooldown', () => {
    const det = new SynergyDetector(CFG);
    det.step({ bar: 0, time: endOf(0), sessionStart: true, signals: [M(1)] });
    expect(det.armed).toBe(true);
    for (let b = 1; b < CFG.window_bars; b++) det.step({ bar: b, time: endOf(b), sessionStart: false, signals: [] });
    expect(det.armed).toBe(true); // the next bar is at the window's edge
    det.step({ bar: CFG.window_bars, time: endOf(CFG.window_bars), sessionStart: false, signals: [] });
    expect(det.armed).toBe(false); // beyond it the sequence is stale
    const b0 = CFG.window_bars + 1;
    expect(det.step({ bar: b0, time: endOf(b0), sessionStart: false, signals: [M(1), N(1), F(1)] })).not.toBeNull();
    det.step({ bar: b0 + 1, time: endOf(b0 + 1), sessionStart: false, signals: [M(1)] });
    expect(det.pending).toEqual(['mlmi']);
    // in the cooldown until the next bar is cooldown_bars after the emit
    for (let b = b0 + 2; b < b0 + CFG.cooldown_bars - 1; b++) {
      det.step({ bar: b, time: endOf(b), sessionStart: false, signals: [] });
      expect(det.armed).toBe(false);
    }
    det.step({ bar: b0 + CFG.cooldown_bars - 1, time: endOf(b0 + CFG.cooldown_bars - 1), sessionStart: false, signals: [] });
    expect(det.armed).toBe(true);
  });

  it('reset() forgets the sequence and the cooldown', () => {
    const det = new SynergyDetector(CFG);
    runSteps(det, [{ bar: 5, signals: [M(1), N(1), F(1)] }, { bar: 6, signals: [M(1)] }]);
    det.reset();
    expect(det.pending).toEqual([]);
    expect(det.step({ bar: 7, time: endOf(7), sessionStart: false, signals: [M(1), N(1), F(1)] })).not.toBeNull();
  });
});
