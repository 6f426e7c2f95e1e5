// The replay's market clock, driven by a fake wall clock through a replay loop over real data:
// NQ 1-minute bars (each known at its end, t + 60 s) and SPY trade ticks (known at their time).
// Expectations come from the data and the speed alone: speed × 60 s of market time per wall minute,
// jumps landing exactly on the first row after each data gap longer than 30 minutes.
import { describe, it, expect } from 'vitest';
import { MarketClock, type ClockSpeed } from '../../../../src-main/engine/replay/market-clock.ts';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { dataFile } from '../../../helpers/data.ts';

const IDLE = 30 * 60_000;
const STEP = 16; // the replayer's scheduler tick, wall ms
type Paced = 1 | 10 | 100;

/** When each row of the files becomes known: a trade at its time, a bar at its end. */
function knownAt(...rels: string[]): Float64Array {
  const out: number[] = [];
  for (const rel of rels) {
    const r = openFeed(dataFile(rel));
    if (!r.ok) throw new Error(r.problem.message);
    const barMs = r.value.info.kind === 'bars' ? r.value.info.barMinutes! * 60_000 : 0;
    for (const c of r.value.chunks()) for (let i = 0; i < c.n; i++) out.push(c.t[i]! + barMs);
  }
  return Float64Array.from(out);
}

const NQ = knownAt('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');
const SPY = knownAt('lean/equity/usa/tick/spy/20131007_trade.zip', 'lean/equity/usa/tick/spy/20131008_trade.zip');
const at = (iso: string): number => Date.parse(iso);

/** What a replay loop needs from a pacer; `settle` lets the old rule clamp its clock after releasing. */
interface Pacer {
  set(t: number): void;
  play(): void;
  setSpeed(s: ClockSpeed): void;
  advance(nextKnownAt: number | null): number;
  settle?(nextKnownAt: number | null): void;
}

/** The replayer's paced branch before this clock (MAX_IDLE_WALL_MS = 2 s), kept to show the tests catch it. */
class OldRule implements Pacer {
  #clock = 0;
  #target = 0;
  #last = 0;
  #speed = 1;
  readonly now: () => number;
  constructor(now: () => number) { this.now = now; }
  set(t: number): void { this.#clock = t; }
  play(): void { this.#last = this.now(); }
  setSpeed(s: ClockSpeed): void { this.#speed = s as number; this.#last = this.now(); }
  advance(next: number | null): number {
    const now = this.now();
    let target = this.#clock + Math.max(0, now - this.#last) * this.#speed;
    this.#last = now;
    if (next !== null && next > target + 2_000 * this.#speed) target = next;
    return (this.#target = target);
  }
  settle(next: number | null): void { this.#clock = next === null ? this.#target : Math.min(this.#target, next); }
}

const newClock = (now: () => number): Pacer => new MarketClock({ now, idleGapMs: IDLE });

interface Run {
  /** market time reached after each step; clocks[k] is at wall k × STEP */
  clocks: number[];
  /** over every released row: the least and the most market time between its knownAt and its release */
  minLag: number;
  maxLag: number;
  released: number;
}

/** The replayer's loop: every STEP of wall time, advance, then release every row known by the target. */
function replay(make: (now: () => number) => Pacer, known: Float64Array, from: number, speed: Paced, stop: (wall: number, left: number) => boolean): Run {
  let wall = 0;
  const p = make(() => wall);
  p.set(from);
  p.setSpeed(speed);
  p.play();
  let i = 0;
  while (i < known.length && known[i]! <= from) i++;
  const i0 = i;
  const run: Run = { clocks: [from], minLag: Infinity, maxLag: -Infinity, released: 0 };
  while (!stop(wall, known.length - i)) {
    wall += STEP;
    const target = p.advance(i < known.length ? known[i]! : null);
    for (; i < known.length && known[i]! <= target; i++) {
      run.minLag = Math.min(run.minLag, target - known[i]!);
      run.maxLag = Math.max(run.maxLag, target - known[i]!);
    }
    p.settle?.(i < known.length ? known[i]! : null);
    run.clocks.push(target);
  }
  run.released = i - i0;
  return run;
}

/** market time per wall time over the wall window [w0, w1], in units of the speed */
const rate = (r: Run, w0: number, w1: number, speed: Paced): number => (r.clocks[w1 / STEP]! - r.clocks[w0 / STEP]!) / ((w1 - w0) * speed);

describe('MarketClock paces a replay of real data', () => {
  const cases = [
    ['NQ 1-minute bars', NQ, at('2023-11-21T14:30:00Z')],
    ['SPY ticks', SPY, at('2013-10-07T14:00:00Z')],
  ] as const;
  for (const [name, known, from] of cases) {
    for (const speed of [1, 10, 100] as const) {
      it(`${name} at ${speed}×: each 60-second wall window advances ${speed} × 60 s of market time (±5 %)`, () => {
        const r = replay(newClock, known, from, speed, (wall) => wall >= 120_000);
        for (const [w0, w1] of [[0, 60_000], [60_000, 120_000]] as const) {
          expect(Math.abs(rate(r, w0, w1, speed) - 1)).toBeLessThanOrEqual(0.05);
        }
        // rows are released at or after they become known, and never later than one step
        expect(r.released).toBeGreaterThan(0);
        expect(r.minLag).toBeGreaterThanOrEqual(0);
        expect(r.maxLag).toBeLessThanOrEqual(STEP * speed);
      });
    }
  }

  it('catches the old rule: on 1-minute bars it ran thousands of times too fast at 1× and 10×', () => {
    const from = at('2023-11-21T14:30:00Z');
    for (const speed of [1, 10] as const) {
      const old = replay((now) => new OldRule(now), NQ, from, speed, (wall) => wall >= 60_000);
      expect(rate(old, 0, 60_000, speed)).toBeGreaterThan(100);
      const fixed = replay(newClock, NQ, from, speed, (wall) => wall >= 60_000);
      expect(rate(fixed, 0, 60_000, speed)).toBeCloseTo(1, 6);
    }
    // on ticks at 100× the old rule was within the band: the harness does not fail everything
    const ticks = replay((now) => new OldRule(now), SPY, at('2013-10-07T14:00:00Z'), 100, (wall) => wall >= 60_000);
    expect(Math.abs(rate(ticks, 0, 60_000, 100) - 1)).toBeLessThanOrEqual(0.05);
  });
});

/** Data gaps longer than IDLE: [last row before, first row after]. */
function idleSpans(known: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 1; k < known.length; k++) if (known[k]! - known[k - 1]! > IDLE) out.push([known[k - 1]!, known[k]!]);
  return out;
}

describe('MarketClock skips only real idle spans', () => {
  for (const [name, known, nSpans] of [['NQ 1-minute bars', NQ, 10], ['SPY ticks', SPY, 1]] as const) {
    it(`${name} at 100×, the whole series: one jump per night/weekend/holiday, landing exactly on the next row`, () => {
      const speed = 100;
      const spans = idleSpans(known);
      expect(spans.length).toBe(nSpans);
      const from = known[0]! - 1;
      const r = replay(newClock, known, from, speed, (_w, left) => left === 0);
      const jumps: [number, number][] = [];
      for (let k = 1; k < r.clocks.length; k++) {
        if (r.clocks[k]! - r.clocks[k - 1]! > STEP * speed) jumps.push([r.clocks[k - 1]!, r.clocks[k]!]);
      }
      expect(jumps.map((j) => j[1])).toEqual(spans.map((s) => s[1]));
      // it leaves when the last row before the gap is out, not before and at most one step after
      jumps.forEach(([left], k) => {
        expect(left).toBeGreaterThanOrEqual(spans[k]![0]);
        expect(left).toBeLessThanOrEqual(spans[k]![0] + STEP * speed);
      });
      // wall time: the market span less the idle spans, at the speed; each jump may leave up to a step
      // late and takes its own step, and the last row may be released up to a step after it is known
      const paced = known.at(-1)! - from - spans.reduce((s, [a, b]) => s + b - a, 0);
      const wall = (r.clocks.length - 1) * STEP;
      expect(wall * speed).toBeGreaterThanOrEqual(paced);
      expect(wall * speed).toBeLessThanOrEqual(paced + (2 * spans.length + 1) * STEP * speed);
      expect(r.maxLag).toBeLessThanOrEqual(STEP * speed);
    });
  }

  it('at 1× waits out the last minute of the session in real time, then jumps exactly to the reopening', () => {
    // NQ closes at 17:00 New York (last bar 16:59, known 22:00Z) and reopens at 18:00 (first bar known 23:01Z)
    const r = replay(newClock, NQ, at('2023-11-21T21:58:00Z'), 1, (wall) => wall >= 160_000);
    const landed = r.clocks.indexOf(at('2023-11-21T23:01:00Z'));
    expect(landed * STEP).toBeGreaterThanOrEqual(120_000);
    expect(landed * STEP).toBeLessThanOrEqual(120_000 + STEP);
    expect(r.clocks[landed - 1]!).toBeLessThan(at('2023-11-21T22:00:00Z') + STEP);
    // and paces on from there: 30 s later it is 30 s of market time further, no catch-up burst
    expect(r.clocks[landed + 30_000 / STEP]! - r.clocks[landed]!).toBe(30_000);
  });
});

/** A clock on a wall clock the test sets by hand. */
function fake(speed: ClockSpeed = 1) {
  const w = { now: 0 };
  const clock = new MarketClock({ now: () => w.now, idleGapMs: IDLE, speed });
  return { w, clock };
}
const T = 1_700_000_000_000;

describe('MarketClock controls are exact (hand-computed)', () => {
  it('has no time before set(), and refuses to run without one', () => {
    const { clock } = fake();
    expect(clock.time).toBeNull();
    expect(clock.running).toBe(false);
    expect(() => clock.play()).toThrow(/set\(\)/);
    expect(() => clock.advance(T)).toThrow(/set\(\)/);
  });

  it('pause freezes at the market time of that wall instant; resume continues from exactly there', () => {
    const { w, clock } = fake(10);
    clock.set(T);
    w.now = 500; // wall time before play is not market time
    clock.play();
    w.now = 1_734;
    expect(clock.advance(T + 60_000)).toBe(T + 12_340);
    w.now = 1_741;
    clock.pause();
    expect(clock.time).toBe(T + 12_410);
    w.now = 90_000;
    expect(clock.time).toBe(T + 12_410);
    expect(clock.advance(T + 60_000)).toBe(T + 12_410);
    expect(clock.advance(T + 100 * IDLE)).toBe(T + 12_410); // paused: no jump either
    clock.play();
    w.now = 90_016;
    expect(clock.advance(T + 60_000)).toBe(T + 12_570);
  });

  it('a speed change keeps the clock continuous, before and after', () => {
    const { w, clock } = fake(1);
    clock.set(T);
    clock.play();
    w.now = 1_000;
    clock.setSpeed(100);
    expect(clock.time).toBe(T + 1_000);
    expect(clock.speed).toBe(100);
    w.now = 1_010;
    expect(clock.time).toBe(T + 2_000);
    w.now = 1_013;
    clock.setSpeed(10);
    w.now = 1_020;
    expect(clock.advance(null)).toBe(T + 2_300 + 70);
    // changing speed while paused moves nothing
    clock.pause();
    w.now = 5_000;
    clock.setSpeed(1);
    expect(clock.time).toBe(T + 2_370);
  });

  it('seek sets the time exactly, backwards too, and a running clock runs on from there', () => {
    const { w, clock } = fake(100);
    clock.set(T);
    clock.play();
    w.now = 7;
    clock.set(T - 3_600_000);
    expect(clock.time).toBe(T - 3_600_000);
    w.now = 23;
    expect(clock.advance(T - 3_000_000)).toBe(T - 3_600_000 + 1_600);
    expect(clock.running).toBe(true);
  });

});

describe('MarketClock jumps and direction (hand-computed)', () => {
  it('jumps only past a wait longer than idleGapMs, lands exactly on the data, and paces on without a burst', () => {
    const { w, clock } = fake(1);
    clock.set(T);
    clock.play();
    w.now = 16;
    // exactly idleGapMs ahead: waited out
    expect(clock.advance(T + 16 + IDLE)).toBe(T + 16);
    w.now = 32;
    expect(clock.advance(T + 32 + IDLE + 1)).toBe(T + 32 + IDLE + 1);
    w.now = 48;
    expect(clock.advance(T + 32 + IDLE + 60_000)).toBe(T + 32 + IDLE + 1 + 16);
  });

  it('never goes backwards: not for data behind it, not when the wall clock steps back', () => {
    const { w, clock } = fake(10);
    clock.set(T);
    clock.play();
    w.now = 100;
    expect(clock.advance(T - 5_000)).toBe(T + 1_000);
    w.now = 40; // e.g. a system clock correction
    expect(clock.advance(null)).toBe(T + 1_000);
    w.now = 56;
    expect(clock.advance(null)).toBe(T + 1_160);
    expect(clock.reach(T)).toBe(T + 1_160);
    expect(clock.reach(T + 5_000)).toBe(T + 5_000);
  });

  it("at 'max' wall time does not move it: it follows the data, and leaving 'max' is continuous", () => {
    const { w, clock } = fake('max');
    clock.set(T);
    clock.play();
    w.now = 10_000;
    expect(clock.time).toBe(T);
    expect(clock.advance(T + 60_000)).toBe(T + 60_000);
    expect(clock.advance(null)).toBe(T + 60_000);
    clock.setSpeed(10);
    w.now = 10_016;
    expect(clock.advance(T + 120_000)).toBe(T + 60_160);
  });
});
