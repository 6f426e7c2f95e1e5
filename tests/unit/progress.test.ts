// The progress model shared by import, recompute and training (src-shared/progress.ts) and the job
// drivers (src-main/engine/ingest/job.ts): rate-limited events, rows/s and time left per phase, the
// terminal line, and a cancel thrown into the job at a yield so its own catch rolls back.
import { describe, expect, it } from 'vitest';
import { ProgressMeter, formatSeconds, progressLine, type JobProgress } from '../../src-shared/progress.ts';
import { JobCancelled, runJobAsync, runJobSync, type Job } from '../../src-main/engine/ingest/job.ts';

function meter(everyMs = 250) {
  let t = 0;
  const out: JobProgress[] = [];
  const m = new ProgressMeter({ id: 'j1', kind: 'import', label: 'f.csv', phases: ['reading', 'bars', 'indicators', 'writing'], now: () => t, emit: (p) => out.push(p), everyMs });
  return { m, out, at: (ms: number) => { t = ms; } };
}

describe('ProgressMeter', () => {
  it('emits each phase start, ticks at most every everyMs, rows/s and time left of the phase', () => {
    const { m, out, at } = meter();
    m.phase('indicators', 1000, 'bars');
    at(100); m.tick(100); // too soon after the phase start
    at(1000); m.tick(250);
    expect(out.map((p) => [p.phase, p.step, p.done])).toEqual([['indicators', 3, 0], ['indicators', 3, 250]]);
    const p = out.at(-1)!;
    expect(p.rowsPerSec).toBeCloseTo(250);
    expect(p.etaSec).toBeCloseTo(3); // 750 bars left at 250 a second
    expect(progressLine(p)).toBe('f.csv: indicators (3/4): 250 of 1,000 bars · 250 rows/s · 3 s left');
  });

  it('a part\'s label (relabel) is for while it runs: the end is under the job\'s own label', () => {
    const { m, out } = meter();
    m.phase('indicators', 2, 'bars');
    m.relabel('NQ (2 of 3 instruments)');
    m.tick(1);
    m.phase('writing', 1, 'rows');
    expect(out.at(-1)!.label).toBe('NQ (2 of 3 instruments)');
    expect(m.end('done', 'recomputed').label).toBe('f.csv');
  });

  it('shows where a phase ended before the next starts, and the end once', () => {
    const { m, out, at } = meter();
    m.phase('reading', 2000, 'bytes');
    at(50); m.tick(2000, 45_031); // rate-limited
    at(60); m.phase('bars', 10, 'bars');
    expect(out.map((p) => `${p.phase}:${p.done}`)).toEqual(['reading:0', 'reading:2000', 'bars:0']);
    expect(progressLine(out[1]!)).toMatch(/^f\.csv: reading \(1\/4\): 100 % of 2,000 bytes · [\d,]+ rows\/s · <1 s left$/);
    at(2500);
    const end = m.end('cancelled', 'cancelled: nothing of it was stored');
    m.end('done');
    expect(out.filter((p) => p.state !== 'running')).toEqual([end]);
    expect(progressLine(end)).toBe('f.csv: cancelled: nothing of it was stored after 3 s');
  });

  it('formats durations', () => {
    expect([0.4, 12, 65, 3700].map(formatSeconds)).toEqual(['<1 s', '12 s', '1 m 05 s', '1 h 01 m']);
  });
});

function* job(log: string[]): Job<string> {
  log.push('begin');
  try {
    for (let i = 0; i < 5; i++) { log.push(`slice ${i}`); yield; }
    log.push('commit');
    return 'ok';
  } catch (e) {
    log.push('rollback');
    throw e;
  }
}

describe('job drivers', () => {
  it('runJobSync runs to the end; a checkpoint that says stop throws JobCancelled into the job', () => {
    const log: string[] = [];
    expect(runJobSync(job(log))).toBe('ok');
    expect(log.at(-1)).toBe('commit');
    const log2: string[] = [];
    expect(() => runJobSync(job(log2), () => true, 0)).toThrow(JobCancelled);
    expect(log2).toEqual(['begin', 'slice 0', 'rollback']);
  });

  it('runJobAsync gives the event loop a turn, where a cancel is heard', async () => {
    const log: string[] = [];
    let cancelled = false;
    setImmediate(() => { cancelled = true; });
    await expect(runJobAsync(job(log), () => cancelled, 0)).rejects.toThrow(JobCancelled);
    expect(log).toContain('rollback');
    expect(log).not.toContain('commit');
  });
});
