// The engine's health surface: `health.get`, `alerts.list`, and the ticker's `health.changed`
// (alerts raised and cleared as events), all checked against the contract.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Engine } from '../../../src-main/engine/engine.ts';
import { commands, events, type EventTopic } from '../../../src-shared/ipc.ts';
import { dataFile } from '../../helpers/data.ts';

let dir = '';
let engine: Engine | null = null;
afterEach(() => {
  engine?.close();
  engine = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function start() {
  dir = mkdtempSync(join(tmpdir(), 'algospace-engine-health-'));
  const seen: { topic: EventTopic; payload: unknown }[] = [];
  let wall = 1_700_000_000_000;
  engine = new Engine({
    dbPath: join(dir, 'e.db'), sampleDir: join(dir, 'none'), mode: 'browser', configPath: null, env: {},
    now: () => wall, emit: (topic, payload) => { seen.push({ topic, payload }); },
  });
  return { engine, seen, advance: (ms: number) => { wall += ms; } };
}

describe('engine health', () => {
  it('health.get returns the contract structure; an import fills the stages', () => {
    const { engine: e } = start();
    const idle = e.handle('health.get', {});
    expect(commands['health.get'].res.parse(idle)).toEqual(idle);
    if (!idle.ok) throw new Error(idle.problem.message);
    expect(idle.value.stages.every((s) => s.status === 'idle')).toBe(true);
    expect(idle.value.mainLoopLagMs).toBeNull();

    const r = e.handle('import.start', { path: dataFile('firstratedata/nq_futures_2023-11/NQ_5min_sample.csv') });
    expect(r.ok).toBe(true);
    const h = e.handle('health.get', {});
    if (!h.ok) throw new Error(h.problem.message);
    const by = Object.fromEntries(h.value.stages.map((s) => [s.name, s]));
    expect(by['feed']!.processed).toBeGreaterThan(2900);
    expect(by['indicators.5m']!.processed).toBe(2943);
    expect(by['indicators.30m']!.processed).toBeGreaterThan(400);
    // each indicator has its own component, called once per bar of its stage and timed inside it
    for (const u of ['mlmi', 'nwrqk', 'lvn', 'mmd', 'features']) expect(by[`indicators.30m.${u}`]!.processed, u).toBe(by['indicators.30m']!.processed);
    for (const u of ['fvg', 'atr', 'features']) expect(by[`indicators.5m.${u}`]!.processed, u).toBe(2943);
    expect(by['indicators.30m']!.p99Ms).toBeGreaterThan(0);
    expect(by['indicators.30m.mmd']!.maxMs).toBeLessThanOrEqual(by['indicators.30m']!.maxMs);
    // an import runs every stage but the replay and the decision stage (no synergy is traded on import)
    for (const s of h.value.stages.filter((x) => x.name !== 'replay' && x.name !== 'decision')) expect(s.status, s.name).toBe('ok');
    expect(by['decision']!.status).toBe('idle');
    expect(h.value.dbBytes).toBeGreaterThan(0);
    expect(h.value.walBytes).toBeGreaterThan(0);
  }, 120_000);

  it('memory growth counts from the end of the last job: an import the trader asked for is no leak', () => {
    const { engine: e } = start();
    e.markReady();
    const before = process.memoryUsage().rss;
    const r = e.handle('import.start', { path: dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv') });
    expect(r.ok).toBe(true);
    const rawMb = (process.memoryUsage().rss - before) / 2 ** 20;
    const h = e.handle('health.get', {});
    if (!h.ok) throw new Error(h.problem.message);
    // the import itself grew the process (the test could fail); the growth the alert watches starts after it
    expect(rawMb).toBeGreaterThan(20);
    expect(h.value.process.rssGrowthMb).toBeLessThan(10);
  }, 120_000);

  it('the ticker emits health.changed; a rule that holds raises an alert once, and clears it when it ends', () => {
    const { engine: e, seen, advance } = start();
    // a latency threshold any observation exceeds, so the rule holds on the first tick
    e.config = { ...e.config, alerts: { ...e.config.alerts, decision_latency_ms: 1e-6 } };
    e.metrics.component('decision').observe(5); // the stage the latency rule watches
    e.tickHealth();
    advance(500);
    e.tickHealth();
    const raised = seen.filter((s) => s.topic === 'alert.raised');
    expect(raised).toHaveLength(1);
    expect(events['alert.raised'].parse(raised[0]!.payload)).toMatchObject({ key: 'latency:decision', severity: 'warning', clearedAt: null });
    const changed = seen.filter((s) => s.topic === 'health.changed');
    expect(changed).toHaveLength(2);
    for (const c of changed) events['health.changed'].parse(c.payload);
    expect((changed[1]!.payload as { alerts: unknown[] }).alerts).toHaveLength(1);

    e.config = { ...e.config, alerts: { ...e.config.alerts, decision_latency_ms: 20 } };
    advance(500);
    e.tickHealth();
    const cleared = seen.filter((s) => s.topic === 'alert.cleared');
    expect(cleared).toHaveLength(1);
    expect(cleared[0]!.payload).toMatchObject({ key: 'latency:decision', clearedAt: 1_700_000_001_000 });
    const list = e.handle('alerts.list', {});
    expect(commands['alerts.list'].res.parse(list)).toEqual(list);
    if (!list.ok) throw new Error(list.problem.message);
    expect(list.value.map((a) => [a.key, a.raisedAt, a.clearedAt])).toEqual([['latency:decision', 1_700_000_000_000, 1_700_000_001_000]]);
    expect(e.health().alerts).toEqual([]);
  });
});
