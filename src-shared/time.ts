// Time zones without a library: Intl gives the UTC offset, we cache it per 15 minutes of UTC
// (every DST rule in the zones we trade changes on a quarter hour), and civil-date arithmetic
// is done on integers (no Date objects on the hot path).
const MIN = 60_000;
const QUARTER = 15 * MIN;
const DAY_QUARTERS = 96;
const DAY = 86_400_000;

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Wall-clock fields as "local ms" (the epoch ms the same fields would have in UTC). */
export function localMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  return daysFromCivil(y, mo, d) * DAY + h * 3_600_000 + mi * MIN + s * 1000 + ms;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD HH:MM:SS` of a "local ms" value. */
export function formatLocalMs(local: number, withMs = false): string {
  const days = Math.floor(local / DAY);
  const rem = local - days * DAY;
  const { y, m, d } = civilFromDays(days);
  const h = Math.floor(rem / 3_600_000);
  const mi = Math.floor((rem % 3_600_000) / MIN);
  const s = Math.floor((rem % MIN) / 1000);
  const base = `${pad(y, 4)}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  return withMs ? `${base}.${pad(rem % 1000, 3)}` : base;
}

export function isValidZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export class Zone {
  readonly name: string;
  #fmt: Intl.DateTimeFormat | null;
  #offsets = new Map<number, number>();
  #localCache = new Map<number, number>();

  constructor(name: string) {
    if (!isValidZone(name)) throw new RangeError(`unknown time zone '${name}'`);
    this.name = name;
    this.#fmt = name === 'UTC' || name === 'Etc/UTC' ? null : new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }

  /** local − UTC in ms at the instant `utc`. */
  offsetAt(utc: number): number {
    if (this.#fmt === null) return 0;
    const key = Math.floor(utc / QUARTER);
    // Offsets change at most once a day (twice a year in practice): equal at the starts of a UTC day
    // and of the next, they are equal on every quarter hour between — a million 1-minute bars ask
    // Intl about once a day, not 96 times.
    const day = Math.floor(key / DAY_QUARTERS);
    let dayOff = this.#days.get(day);
    if (dayOff === undefined) {
      const a = this.#at(day * DAY_QUARTERS), b = this.#at((day + 1) * DAY_QUARTERS);
      dayOff = a === b ? a : null;
      this.#days.set(day, dayOff);
    }
    return dayOff ?? this.#at(key);
  }

  /** UTC day → its offset when the same all day, null on a day the offset changes */
  #days = new Map<number, number | null>();

  /** The offset at the start of quarter hour `key`, cached. */
  #at(key: number): number {
    let off = this.#offsets.get(key);
    if (off === undefined) { off = this.#probe(key); this.#offsets.set(key, off); }
    return off;
  }

  /** The offset at the start of quarter hour `key` (Intl: slow, a few µs). */
  #probe(key: number): number {
    const probe = key * QUARTER;
    const parts = this.#fmt!.formatToParts(probe);
    const f: Record<string, number> = {};
    for (const p of parts) if (p.type !== 'literal') f[p.type] = Number(p.value);
    return localMs(f.year!, f.month!, f.day!, f.hour!, f.minute!, f.second!) - probe;
  }

  toLocal(utc: number): number {
    return utc + this.offsetAt(utc);
  }

  /**
   * UTC instant of a wall-clock time. In the repeated autumn hour `prefer` picks the first or the
   * second occurrence; a time inside the spring gap moves forward by the gap (as clocks do).
   */
  toUtc(local: number, prefer: 'earlier' | 'later' = 'earlier'): number {
    if (this.#fmt === null) return local;
    const key = Math.floor(local / QUARTER);
    const cached = this.#localCache.get(key);
    if (cached !== undefined) return local - cached;
    const before = this.offsetAt(local - 14 * 3_600_000);
    const after = this.offsetAt(local + 14 * 3_600_000);
    const valid: number[] = [];
    for (const o of before === after ? [before] : [before, after]) {
      if (this.offsetAt(local - o) === o) valid.push(local - o);
    }
    if (valid.length === 1) {
      // Unambiguous for the whole quarter hour only if both of its ends agree.
      const o = local - valid[0]!;
      const q0 = key * QUARTER;
      if (this.offsetAt(q0 - o) === o && this.offsetAt(q0 + QUARTER - 1 - o) === o) this.#localCache.set(key, o);
      return valid[0]!;
    }
    if (valid.length === 2) return prefer === 'earlier' ? Math.min(valid[0]!, valid[1]!) : Math.max(valid[0]!, valid[1]!);
    return local - before; // spring gap: keep the offset from before the change
  }

  /** `YYYY-MM-DD HH:MM:SS` wall-clock time in this zone. */
  format(utc: number, withMs = false): string {
    return formatLocalMs(this.toLocal(utc), withMs);
  }
}

const zones = new Map<string, Zone>();
/** Shared, cached Zone objects (their offset caches are worth keeping). */
export function zone(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    z = new Zone(name);
    zones.set(name, z);
  }
  return z;
}
