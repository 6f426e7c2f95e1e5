// The market clock on an exchange calendar (issue 13): a wait from → to costs the open market time
// inside it over the speed; breaks, weekends and holidays cost no wall time. Expectations are
// hand-computed from the exchange hours (CME equity: Sun 17:00 → Fri 16:00 CT, halt 16:00–17:00 CT;
// in February CT = UTC−6) and the scheduler tick (16 ms: 1.6 s of market time at 100×).
import { describe, it, expect } from 'vitest';
import { MarketClock } from '../../../../src-main/engine/replay/market-clock.ts';
import { calendarFor } from '../../../../src-shared/instruments/calendar.ts';
import type { TradingCalendar } from '../../../../src-shared/instruments/types.ts';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { dataFile } from '../../../helpers/data.ts';

const IDLE = 30 * 60_000;
const STEP = 16;
const MIN = 60_000;
/** a Chicago wall time in winter (CST, UTC−6) */
const ct = (y: number, mo: number, d: number, h: number, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h + 6, mi, s);

/**
 * The replayer's loop over one wait: every STEP of wall time, advance towards `next`. Returns the wall
 * time of the first tick whose market time reached it and the clock there, and the clock at every tick.
 */
function wait(cal: TradingCalendar | null, from: number, next: number, speed: 1 | 10 | 100 = 100, maxWall = 3_600_000) {
  let wall = 0;
  const clock = new MarketClock({ now: () => wall, idleGapMs: IDLE, speed, calendar: cal });
  clock.set(from);
  clock.play();
  const clocks = [from];
  while (wall < maxWall) {
    wall += STEP;
    const t = clock.advance(next);
    clocks.push(t);
    if (t >= next) return { wall, at: t, clocks };
  }
  throw new Error(`never reached ${new Date(next).toISOString()}`);
}

const CME = calendarFor('cme-equity');

describe('MarketClock skips the closed hours of the calendar (CME equity, 100×)', () => {
  it('Friday 15:59 CT → Sunday 17:00 CT costs the one open minute: 0.6 s, landing exactly on the row', () => {
    // 60 s open / 100 = 600 ms; the tick at 608 ms crosses 16:00 and lands on the reopening
    const r = wait(CME, ct(2024, 2, 2, 15, 59), ct(2024, 2, 4, 17, 0));
    expect(r.wall).toBe(608);
    expect(r.at).toBe(ct(2024, 2, 4, 17, 0));
    // it never stood inside the weekend
    for (const t of r.clocks) expect(t <= ct(2024, 2, 2, 16, 0) || t >= ct(2024, 2, 4, 17, 0)).toBe(true);
  });

  it('a 10-minute open gap costs 6 s of wall clock, landing exactly on the row', () => {
    const from = ct(2024, 2, 6, 10, 0);
    const r = wait(CME, from, from + 10 * MIN);
    expect(r.wall).toBe(6_000);
    expect(r.at).toBe(from + 10 * MIN);
    expect(r.clocks[r.clocks.length - 2]).toBe(from + 10 * MIN - 1_600);
  });

  it('the daily halt is skipped: 15:50 → 17:15 CT is 25 open minutes, 15 s of wall', () => {
    const r = wait(CME, ct(2024, 2, 6, 15, 50), ct(2024, 2, 6, 17, 15));
    // 10 min to the halt: 375 ticks land exactly on 16:00, which is closed, so that tick is at 17:00
    expect(r.clocks[375]).toBe(ct(2024, 2, 6, 17, 0));
    // then 15 min = 562.5 ticks: the 563rd reaches 17:15
    expect(r.wall).toBe((375 + 563) * STEP);
    expect(r.at).toBe(ct(2024, 2, 6, 17, 0) + 563 * 1_600);
  });

  it('missing data in open hours: a wait with more than 30 open minutes is skipped in one tick, landing on the row', () => {
    const from = ct(2024, 2, 6, 10, 0);
    const r = wait(CME, from, from + 45 * MIN);
    expect(r.wall).toBe(STEP);
    expect(r.at).toBe(from + 45 * MIN);
    // 15:50 → 17:10 is 80 minutes of market but only 20 open ones: waited out (12 s), where the old
    // idle rule (any gap > 30 min) would have jumped it
    const h = wait(CME, ct(2024, 2, 6, 15, 50), ct(2024, 2, 6, 17, 10));
    expect(h.wall).toBe(12_000);
  });

  it("a holiday costs no wall time: Friday 29 Dec 2023 15:59 CT → New Year's Day 17:00 CT (the Tuesday session)", () => {
    const reopen = ct(2024, 1, 1, 17, 0);
    expect(CME.nextOpen(ct(2023, 12, 29, 16, 0))).toBe(reopen);
    const r = wait(CME, ct(2023, 12, 29, 15, 59), reopen);
    expect(r.wall).toBe(608);
    expect(r.at).toBe(reopen);
  });

  it('at 1× the one open minute before the weekend takes a minute of wall, then the weekend none', () => {
    const r = wait(CME, ct(2024, 2, 2, 15, 59), ct(2024, 2, 4, 17, 1), 1);
    // 60 s to the close (tick 3750 lands exactly on 16:00, closed → 17:00 Sunday), then 60 s more
    expect(r.clocks[3_750]).toBe(ct(2024, 2, 4, 17, 0));
    expect(r.wall).toBe(120_000);
    expect(r.at).toBe(ct(2024, 2, 4, 17, 1));
  });

  it('the bar known at the close and a row stamped in the break are landed on exactly, then the break is skipped', () => {
    let wall = 0;
    const clock = new MarketClock({ now: () => wall, idleGapMs: IDLE, speed: 100, calendar: CME });
    clock.set(ct(2024, 2, 6, 15, 59));
    clock.play();
    const rows = [ct(2024, 2, 6, 16, 0), ct(2024, 2, 6, 16, 30), ct(2024, 2, 6, 17, 5)];
    const ticks: [number, number][] = [];
    for (const row of rows) {
      let t = -Infinity;
      while (t < row) { wall += STEP; t = clock.advance(row); ticks.push([wall, t]); }
    }
    // 60 s to the close: the tick at 608 ms would pass 16:00 and lands on the bar ending there
    expect(ticks[37]).toEqual([608, ct(2024, 2, 6, 16, 0)]);
    // the row at 16:30 (inside the halt) costs one tick, then the next tick is at the 17:00 reopening
    expect(ticks[38]).toEqual([624, ct(2024, 2, 6, 16, 30)]);
    expect(ticks[39]).toEqual([640, ct(2024, 2, 6, 17, 0)]);
    // and 5 open minutes (3 s) later the 17:05 row: 187.5 ticks of 1.6 s
    expect(ticks.at(-1)).toEqual([640 + 188 * STEP, ct(2024, 2, 6, 17, 0) + 188 * 1_600]);
  });

  it('paused inside a break it stays there; playing on, the first tick is at the next open', () => {
    let wall = 0;
    const clock = new MarketClock({ now: () => wall, idleGapMs: IDLE, speed: 10, calendar: CME });
    const sat = ct(2024, 2, 3, 12, 0);
    clock.set(sat);
    wall = 5_000;
    expect(clock.advance(ct(2024, 2, 4, 17, 20))).toBe(sat);
    clock.play();
    wall += STEP;
    expect(clock.advance(ct(2024, 2, 4, 17, 20))).toBe(ct(2024, 2, 4, 17, 0));
    wall += STEP;
    expect(clock.advance(ct(2024, 2, 4, 17, 20))).toBe(ct(2024, 2, 4, 17, 0) + 160);
  });

  it('setCalendar keeps the time reached; without a calendar every hour is open (the old rule)', () => {
    const r = wait(null, ct(2024, 2, 2, 15, 59), ct(2024, 2, 2, 16, 29));
    expect(r.wall).toBe(18_000); // 30 min at 100×, not skipped: not more than the idle gap
    let wall = 0;
    const clock = new MarketClock({ now: () => wall, idleGapMs: IDLE, speed: 100 });
    clock.set(ct(2024, 2, 2, 15, 59, 59));
    clock.play();
    wall = 8;
    clock.setCalendar(CME);
    expect(clock.calendar).toBe(CME);
    expect(clock.time).toBe(ct(2024, 2, 2, 15, 59, 59) + 800);
    wall = 16;
    expect(clock.time).toBe(ct(2024, 2, 4, 17, 0)); // the weekend, skipped
  });
});

describe('MarketClock on a 24/7 calendar (crypto)', () => {
  it('a 10-minute wait across 00:00 UTC costs 6 s at 100×: nothing is closed', () => {
    const from = Date.UTC(2024, 1, 3, 23, 55);
    const r = wait(calendarFor('crypto-24x7'), from, from + 10 * MIN);
    expect(r.wall).toBe(6_000);
    expect(r.at).toBe(from + 10 * MIN);
  });
});

describe('MarketClock on real data with its calendar', () => {
  it('the NQ 1-minute sample (2 weeks: nights, weekends, Thanksgiving) at 100× costs its open minutes, breaks ~nothing', () => {
    const r = openFeed(dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'));
    if (!r.ok) throw new Error(r.problem.message);
    const known: number[] = [];
    for (const c of r.value.chunks()) for (let i = 0; i < c.n; i++) known.push(c.t[i]! + MIN);
    // gaps under 30 min are minutes missing in open hours (waited out: no CME closure is that short);
    // longer ones are the exchange's breaks (skipped)
    const gaps = known.slice(1).map((t, i) => t - known[i]! - MIN).filter((g) => g > 0);
    const missing = gaps.filter((g) => g < IDLE).reduce((a, g) => a + g, 0);
    const breaks = gaps.filter((g) => g >= IDLE).length;
    let wall = 0;
    const clock = new MarketClock({ now: () => wall, idleGapMs: IDLE, speed: 100, calendar: CME });
    clock.set(known[0]! - MIN);
    clock.play();
    let i = 0, maxLag = 0;
    while (i < known.length) {
      wall += STEP;
      const t = clock.advance(known[i]!);
      for (; i < known.length && known[i]! <= t; i++) maxLag = Math.max(maxLag, t - known[i]!);
    }
    // each break costs at most two ticks (one landing on the bar at the close, one skipping)
    const open = known.length * MIN + missing;
    expect(missing).toBe(MIN); // 03:29 UTC on 23 Nov
    expect(breaks).toBe(10);
    expect(wall * 100).toBeGreaterThanOrEqual(open);
    expect(wall * 100).toBeLessThanOrEqual(open + (2 * breaks + 1) * STEP * 100);
    expect(maxLag).toBeLessThanOrEqual(STEP * 100); // no row released late
  });
});
