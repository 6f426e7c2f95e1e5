// Small formatters shared by the panels. Times are UTC ms, shown in the exchange zone.
import { zone, isValidZone } from '../../src-shared/time.ts';

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']; // 1970-01-01 was a Thursday
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function safeZone(tz: string | null | undefined) {
  return zone(tz && validZone(tz) ? tz : 'UTC');
}

/** isValidZone builds an Intl.DateTimeFormat (slow); a crosshair read-out asks every frame */
const validZones = new Map<string, boolean>();
function validZone(tz: string): boolean {
  let ok = validZones.get(tz);
  if (ok === undefined) { ok = isValidZone(tz); validZones.set(tz, ok); }
  return ok;
}

/** `YYYY-MM-DD HH:MM:SS` in `tz`. */
export function fmtTime(utc: number | null | undefined, tz: string | null | undefined, withSeconds = true): string {
  if (utc === null || utc === undefined) return '—';
  const s = safeZone(tz).format(utc);
  return withSeconds ? s : s.slice(0, 16);
}

/** `Wed 22 Nov` for a "local ms" value. */
export function fmtDay(local: number): string {
  const days = Math.floor(local / 86_400_000);
  const iso = new Date(days * 86_400_000).toISOString();
  const dow = DAYS[((days % 7) + 7) % 7]!;
  return `${dow} ${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]!}`;
}

/** Short zone label: America/Chicago → Chicago. */
export function tzLabel(tz: string | null | undefined): string {
  if (!tz) return '';
  return tz.split('/').pop()!.replace(/_/g, ' ');
}

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : Math.round(n).toLocaleString('en-US');
}

export function fmtMB(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(2) : mb < 100 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

export function decimalsFor(tickSize: number | null | undefined): number {
  if (!tickSize || !Number.isFinite(tickSize) || tickSize >= 1) return 0;
  // 1e-8 (a satoshi tick) prints in exponent form: count its decimals from the exponent
  const [mant, exp] = String(tickSize).split('e');
  const dot = mant!.indexOf('.');
  const d = (dot < 0 ? 0 : mant!.length - dot - 1) - Number(exp ?? 0);
  return dot < 0 && exp === undefined ? 2 : Math.min(10, Math.max(0, d));
}

export function fmtPrice(p: number, decimals: number): string {
  return p.toFixed(decimals);
}

/** 1234567 → 1.23M; volumes in the read-out. */
export function fmtCompact(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(n / 1e3).toFixed(1)}K`;
  return String(Math.round(n));
}

/** A volume: whole numbers as fmtCompact, fractions (crypto trades parts of a coin) kept: 0.0123, 12.35, 1,234.5. */
export function fmtVolume(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e4 || Number.isInteger(n)) return fmtCompact(n);
  if (a < 1) return n.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  return n.toLocaleString('en-US', { maximumFractionDigits: a >= 100 ? 1 : 2 });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Wall time in this computer's zone, `HH:MM:SS.mmm` (logs, alerts: not market time). */
export function fmtWallMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Wall time in this computer's zone, `HH:MM:SS`. */
export function fmtWall(ms: number | null | undefined): string {
  return fmtWallMs(ms).slice(0, 8);
}

/** A latency in ms: 0.042 → `42 µs`, 3.2 → `3.20 ms`, 1250 → `1.25 s`. */
export function fmtLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms === 0) return '0';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A rate: 12345.6 → `12.3K`, 42.37 → `42.4`, 0.25 → `0.25`. */
export function fmtRate(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (n >= 1e4) return fmtCompact(n);
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  if (n >= 10) return n.toFixed(1);
  return n === 0 ? '0' : n.toFixed(2);
}
