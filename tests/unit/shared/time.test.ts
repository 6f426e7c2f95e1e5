import { describe, it, expect } from 'vitest';
import { zone, localMs, formatLocalMs, daysFromCivil, civilFromDays, isValidZone, Zone } from '../../../src-shared/time.ts';
import { rng } from '../../../src-shared/rng.ts';

describe('civil dates', () => {
  it('round-trips days and matches Date.UTC', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2013, 10, 7], [2024, 12, 31], [1899, 12, 30], [2050, 12, 31]] as const) {
      const days = daysFromCivil(y, m, d);
      expect(days * 86_400_000).toBe(Date.UTC(y, m - 1, d));
      expect(civilFromDays(days)).toEqual({ y, m, d });
    }
  });
  it('formats local ms', () => {
    expect(formatLocalMs(localMs(2020, 6, 29, 1, 0, 0))).toBe('2020-06-29 01:00:00');
    expect(formatLocalMs(localMs(2020, 6, 29, 1, 2, 3, 45), true)).toBe('2020-06-29 01:02:03.045');
  });
});

describe('Zone', () => {
  it('the per-day offset cache agrees with Intl on every quarter hour asked, in any order, across transitions', () => {
    // 30-minute shifts (Lord Howe), a zone that dropped DST (Sao Paulo, 2019), southern DST, none (Kolkata)
    const rnd = rng(17);
    const Q = 15 * 60_000;
    for (const name of ['America/New_York', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Europe/London', 'Asia/Kolkata', 'Pacific/Apia']) {
      const fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      const ref = (q: number) => {
        const f: Record<string, number> = {};
        for (const p of fmt.formatToParts(q)) if (p.type !== 'literal') f[p.type] = Number(p.value);
        return localMs(f.year!, f.month!, f.day!, f.hour!, f.minute!, f.second!) - q;
      };
      const z = new Zone(name); // fresh caches
      const from = Date.UTC(2009, 0, 1), span = Date.UTC(2021, 0, 1) - from;
      const times: number[] = [];
      for (let k = 0; k < 3000; k++) times.push(from + Math.floor(rnd() * span));
      // every quarter hour of two days around each of a few transitions, asked backwards
      for (const day of [Date.UTC(2019, 2, 10), Date.UTC(2019, 10, 3), Date.UTC(2019, 3, 7), Date.UTC(2019, 9, 6), Date.UTC(2019, 1, 17), Date.UTC(2011, 11, 29)]) {
        for (let q = day + 2 * 86_400_000; q >= day - 86_400_000; q -= Q) times.push(q);
      }
      for (const t of times) expect(z.offsetAt(t), `${name} at ${new Date(t).toISOString()}`).toBe(ref(t - (((t % Q) + Q) % Q)));
    }
  });

  it('agrees with Intl on offsets through a whole year (hourly probes), New York and Jerusalem', () => {
    for (const name of ['America/New_York', 'Asia/Jerusalem', 'America/Chicago']) {
      const z = zone(name);
      const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: name, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3_600_000 + 17_000) {
        expect(z.format(t)).toBe(fmt.format(t).replace('T', ' '));
      }
    }
  });

  it('toUtc inverts toLocal, picks the requested side of the repeated hour, and moves gap times forward', () => {
    const ny = zone('America/New_York');
    const t = Date.UTC(2013, 9, 7, 13, 30); // 09:30 EDT
    expect(ny.toUtc(ny.toLocal(t))).toBe(t);
    const rep = localMs(2024, 11, 3, 1, 30);
    expect(ny.toUtc(rep, 'earlier')).toBe(Date.UTC(2024, 10, 3, 5, 30)); // 01:30 EDT
    expect(ny.toUtc(rep, 'later')).toBe(Date.UTC(2024, 10, 3, 6, 30)); // 01:30 EST
    const gap = localMs(2024, 3, 10, 2, 30); // does not exist in New York
    expect(ny.format(ny.toUtc(gap))).toBe('2024-03-10 03:30:00');
  });

  it('UTC is the identity; unknown zones are refused', () => {
    expect(zone('UTC').toUtc(123456)).toBe(123456);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(() => zone('Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
