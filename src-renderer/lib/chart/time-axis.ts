// The x axis counts bars (no gaps for nights and weekends); labels are the bars' start times in
// the exchange zone: HH:MM, with the date under the first label of each day.
import type uPlot from 'uplot';
import type { Zone } from '../../../src-shared/time.ts';
import { fmtDay } from '../format.ts';
import { nextBucketStart } from './bucket-search.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440, 2 * 1440, 7 * 1440, 14 * 1440, 30 * 1440];
const MIN_LABEL_PX = 84;

export interface AxisSource {
  times(): ArrayLike<number>;
  zone(): Zone;
  tfMinutes(): number;
}

export function timeAxis(src: AxisSource): { splits: uPlot.Axis.Splits; values: uPlot.Axis.Values } {
  let step = 60 * MIN;
  const splits: uPlot.Axis.Splits = (u, _axisIdx, scaleMin, scaleMax) => {
    const t = src.times();
    const n = t.length;
    const out: number[] = [];
    if (n === 0) return out;
    const i0 = Math.max(0, Math.ceil(scaleMin));
    const i1 = Math.min(n - 1, Math.floor(scaleMax));
    if (i1 < i0) return out;
    const widthCss = u.bbox.width / devicePixelRatio;
    const pxPerBar = widthCss / Math.max(1, scaleMax - scaleMin);
    const tf = src.tfMinutes();
    step = STEPS_MIN[STEPS_MIN.length - 1]! * MIN;
    for (const s of STEPS_MIN) {
      if (s < tf) continue;
      if ((s / tf) * pxPerBar >= MIN_LABEL_PX) { step = s * MIN; break; }
    }
    const z = src.zone();
    const minGap = MIN_LABEL_PX * 0.8 / pxPerBar;
    const bucketOf = (i: number) => {
      const local = z.toLocal(t[i]!);
      return step >= 7 * DAY ? weekOrMonthBucket(local, step) : Math.floor(local / step);
    };
    // a label where a new bucket starts, at least minGap bars after the previous label; the next
    // bucket start is searched (exponential + binary search), so a million bars cost a few dozen looks
    let lastIdx = -Infinity;
    if (z.toLocal(t[i0]!) % step === 0) { out.push(i0); lastIdx = i0; }
    for (let p = Math.max(i0 + 1, Math.ceil(lastIdx + minGap)); p <= i1; p = Math.ceil(lastIdx + minGap)) {
      const j = nextBucketStart(bucketOf, p, i1);
      if (j < 0) break;
      out.push(j);
      lastIdx = j;
    }
    return out;
  };
  const values: uPlot.Axis.Values = (_u, splits) => {
    const t = src.times();
    const z = src.zone();
    let prevDay = NaN;
    return splits.map((i) => {
      const ti = t[i];
      if (ti === undefined) return '';
      const local = z.toLocal(ti);
      const day = Math.floor(local / DAY);
      const newDay = day !== prevDay;
      prevDay = day;
      if (step >= DAY) return fmtDay(local);
      const hm = hhmm(local);
      return newDay ? `${hm}\n${fmtDay(local)}` : hm;
    });
  };
  return { splits, values };
}

function hhmm(local: number): string {
  const m = Math.floor((((local % DAY) + DAY) % DAY) / MIN);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function weekOrMonthBucket(local: number, step: number): number {
  const days = Math.floor(local / DAY);
  if (step >= 30 * DAY) {
    const d = new Date(days * DAY);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  }
  // weeks start on Monday (1970-01-05 was one)
  return Math.floor((days - 4) / (step / DAY));
}
