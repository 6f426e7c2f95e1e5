import { describe, it, expect } from 'vitest';
import { Metrics, COMPONENTS, WINDOW_MS, RECENT_ERROR_MS } from '../../../../src-main/engine/health/metrics.ts';
import { CircuitBreaker } from '../../../../src-main/engine/health/breaker.ts';
import { StageHealth } from '../../../../src-shared/ipc.ts';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

describe('Metrics', () => {
  it('lists the pipeline components (decision included), all idle at first; a stage registered later comes last', () => {
    const m = new Metrics(clock().now);
    const snap = m.snapshot();
    expect(snap.map((s) => s.name)).toEqual([...COMPONENTS]);
    expect(snap.map((s) => s.name)).toContain('decision');
    for (const s of snap) {
      expect(StageHealth.parse(s)).toEqual(s);
      expect(s).toMatchObject({ status: 'idle', processed: 0, perSec: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, errors: 0, lastError: null, breaker: 'closed', fallback: null });
    }
    m.component('live-feed');
    expect(m.snapshot().at(-1)!.name).toBe('live-feed');
  });

  it('a fallback makes a stage degraded until it is cleared', () => {
    const m = new Metrics(clock().now);
    const d = m.component('decision');
    d.observe(1);
    expect(d.status()).toBe('ok');
    d.fallback = 'decision model unusable, rule path in use';
    expect(d.snapshot().status).toBe('degraded');
    expect(d.snapshot().fallback).toBe('decision model unusable, rule path in use');
    d.fallback = null;
    expect(d.status()).toBe('ok');
  });

  it('counts, latency quantiles and throughput over the last ~5 s of the injected clock', () => {
    const c = clock();
    const m = new Metrics(c.now);
    const s = m.component('indicators.5m');
    for (let i = 0; i < 10; i++) { // 10 s at 100 items/s, one observation per 10 ms
      for (let j = 0; j < 100; j++) { c.advance(10); s.observe(j < 99 ? 1 : 40); }
    }
    const h = s.snapshot();
    expect(h.processed).toBe(1000);
    expect(h.perSec).toBeCloseTo(100, -1);
    expect(h.p50Ms).toBeCloseTo(1, 1);
    expect(h.p99Ms).toBeCloseTo(1, 1);
    expect(h.maxMs).toBe(40);
    expect(h.status).toBe('ok');
    c.advance(10_000);
    expect(s.perSec()).toBe(0); // nothing in the last 5 s
  });

  it('latency covers the last 30–60 s: an old slow spell leaves the window', () => {
    const c = clock();
    const s = new Metrics(c.now).component('indicators.30m');
    for (let i = 0; i < 100; i++) s.observe(50);
    expect(s.latency(0.99)).toBeCloseTo(50, 0);
    c.advance(WINDOW_MS);
    for (let i = 0; i < 100; i++) s.observe(2);
    expect(s.latency(0.99)).toBeCloseTo(50, 0); // previous window still counts
    c.advance(WINDOW_MS);
    s.observe(2);
    expect(s.latency(0.99)).toBeCloseTo(2, 1);
    expect(s.latency(1)).toBe(2);
  });

  it('errors: counted, last error kept, error rate over the window, degraded while recent', () => {
    const c = clock();
    const s = new Metrics(c.now).component('matrices');
    for (let i = 0; i < 999; i++) s.observe(0.01);
    s.fail(0.01, new Error('boom'));
    expect(s.errors).toBe(1);
    expect(s.lastError).toBe('boom');
    expect(s.errorRate()).toBeCloseTo(0.001, 6);
    expect(s.status()).toBe('degraded');
    c.advance(RECENT_ERROR_MS);
    expect(s.status()).toBe('ok');
    c.advance(2 * WINDOW_MS);
    expect(s.errorRate()).toBe(0);
    expect(s.snapshot().errors).toBe(1); // totals are kept
  });

  it('status follows the breaker: open → failed, half-open → degraded', () => {
    const c = clock();
    const s = new Metrics(c.now).component('indicators.30m');
    s.breaker = new CircuitBreaker({ failures: 1, cooldown: 2 });
    s.observe(1);
    expect(s.status()).toBe('ok');
    s.breaker.failure();
    expect(s.snapshot()).toMatchObject({ status: 'failed', breaker: 'open' });
    s.breaker.advance(2);
    expect(s.snapshot()).toMatchObject({ status: 'degraded', breaker: 'half-open' });
  });

  it('reports errors at most once a second per component, counting the rest', () => {
    const c = clock();
    const m = new Metrics(c.now);
    const seen: [string, string, number][] = [];
    m.onError = (name, msg, suppressed) => seen.push([name, msg, suppressed]);
    const s = m.component('feed');
    for (let i = 0; i < 5; i++) { s.fail(0, new Error(`e${i}`)); c.advance(100); }
    c.advance(1000);
    s.fail(0, 'later');
    expect(seen).toEqual([['feed', 'e0', 0], ['feed', 'later', 4]]);
  });
});
