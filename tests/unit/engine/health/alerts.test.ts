import { describe, it, expect } from 'vitest';
import { openDb } from '../../../../src-main/store/db.ts';
import { AlertBook, conditions, type HealthSample } from '../../../../src-main/engine/health/alerts.ts';
import { listAlerts, raisedAlerts } from '../../../../src-main/store/alerts.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { Alert, type StageHealth } from '../../../../src-shared/ipc.ts';

const T = DEFAULT_CONFIG.alerts;
const stage = (name: string, o: Partial<StageHealth> = {}): StageHealth => ({
  name, status: 'ok', processed: 100, perSec: 1, p50Ms: 1, p99Ms: 2, maxMs: 3, errors: 0, lastError: null, breaker: 'closed', ...o,
});
const sample = (stages: StageHealth[], rssGrowthMb = 0, errorRates: Record<string, number> = {}): HealthSample => ({
  health: { at: 0, stages, process: { heapMb: 10, rssMb: 100, rssGrowthMb }, mainLoopLagMs: null, dbBytes: 0, walBytes: 0, ipcEventsPerSec: 0 },
  errorRates,
});

describe('alert rules', () => {
  it('healthy: nothing holds', () => {
    expect(conditions(sample([stage('indicators.30m'), stage('feed')]), T)).toEqual([]);
  });

  it('latency: p99 of the decision stage over decision_latency_ms; other stages are not held to it', () => {
    const slow = stage('indicators.30m', { p99Ms: 25 });
    expect(conditions(sample([slow]), T)).toEqual([]);
    expect(conditions(sample([slow, stage('decision', { p99Ms: 5 })]), T)).toEqual([]);
    expect(conditions(sample([slow, stage('decision', { p99Ms: 21 })]), T).map((c) => c.key)).toEqual(['latency:decision']);
  });

  it('memory growth, error rate per stage, and failed stages (critical)', () => {
    const c = conditions(sample([stage('mmd', { status: 'failed', lastError: 'x' }), stage('feed')], 51, { mmd: 0.5, feed: 0.0005 }), T);
    expect(c.map((x) => [x.key, x.severity])).toEqual([
      ['memory-growth', 'warning'], ['error-rate:mmd', 'warning'], ['failed:mmd', 'critical'],
    ]);
    expect(c[1]).toMatchObject({ value: 0.5, threshold: 0.001 });
  });
});

describe('fallback alert', () => {
  it('a stage on its fallback (decision model down) raises a warning with the reason; none without one', () => {
    const down = stage('decision', { status: 'degraded', fallback: 'decision model unusable, rule path in use (model_missing: …)' });
    const c = conditions(sample([down]), T);
    expect(c.map((x) => [x.key, x.severity])).toEqual([['fallback:decision', 'warning']]);
    expect(c[0]!.message).toBe('decision degraded: decision model unusable, rule path in use (model_missing: …)');
    expect(conditions(sample([stage('decision', { fallback: null })]), T)).toEqual([]);
  });
});

describe('AlertBook', () => {
  it('raises once (stored, emitted), clears when the condition ends, and adopts alerts a previous run left raised', () => {
    const db = openDb(':memory:');
    const events: [string, Alert][] = [];
    const sink = { raised: (a: Alert) => events.push(['raised', a]), cleared: (a: Alert) => events.push(['cleared', a]) };
    const book = new AlertBook(db, sink);
    const failing = sample([stage('decision', { status: 'failed', p99Ms: 30 })]);
    book.evaluate(failing, T, 1000);
    book.evaluate(failing, T, 1500); // still holds: no second raise
    expect(events.map(([k, a]) => `${k} ${a.key}`)).toEqual(['raised latency:decision', 'raised failed:decision']);
    for (const [, a] of events) expect(Alert.parse(a)).toEqual(a);
    expect(book.raised.map((a) => a.key)).toEqual(['latency:decision', 'failed:decision']);
    expect(raisedAlerts(db)).toHaveLength(2);

    // The stage recovers but stays slow: only the failure clears.
    book.evaluate(sample([stage('decision', { p99Ms: 30 })]), T, 2000);
    expect(events.at(-1)![0]).toBe('cleared');
    expect(events.at(-1)![1]).toMatchObject({ key: 'failed:decision', raisedAt: 1000, clearedAt: 2000 });

    // A new book on the same store (engine restart) adopts the raised one and clears it when it no longer holds.
    const events2: string[] = [];
    const book2 = new AlertBook(db, { raised: (a) => events2.push(`raised ${a.key}`), cleared: (a) => events2.push(`cleared ${a.key}`) });
    expect(book2.raised.map((a) => a.key)).toEqual(['latency:decision']);
    book2.evaluate(sample([stage('decision')]), T, 3000);
    expect(events2).toEqual(['cleared latency:decision']);
    expect(raisedAlerts(db)).toEqual([]);
    const all = listAlerts(db);
    expect(all.map((a) => [a.key, a.raisedAt, a.clearedAt])).toEqual([
      ['failed:decision', 1000, 2000], ['latency:decision', 1000, 3000],
    ]);
  });
});
