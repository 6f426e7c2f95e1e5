// Hot reload on a real engine: temp database, temp sample dir with the NQ 5m sample, the config file
// beside the database, edits through the editor command and through the file (fs.watch).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../src-main/engine/engine.ts';
import { getInstrument } from '../../../src-main/store/instruments.ts';
import { getIndicatorValues } from '../../../src-main/store/indicator-values.ts';
import { indicatorConfigHash } from '../../../src-main/engine/indicator-columns.ts';
import { dataFile } from '../../helpers/data.ts';
import { until as waitUntil } from '../../helpers/wait.ts';
import type { EventPayload, EventTopic } from '../../../src-shared/ipc.ts';

const dir = mkdtempSync(join(tmpdir(), 'as-config-'));
const samples = join(dir, 'samples');
const configPath = join(dir, 'config.yaml');
const events: { topic: EventTopic; payload: unknown }[] = [];
let engine: Engine;
let symbol: string;

beforeAll(() => {
  mkdirSync(samples);
  copyFileSync(dataFile('firstratedata/nq_futures_2023-11/NQ_5min_sample.csv'), join(samples, 'NQ_5min_sample.csv'));
  engine = new Engine({
    dbPath: join(dir, 'a.db'), sampleDir: samples, mode: 'browser', env: {},
    emit: (topic, payload) => { events.push({ topic, payload }); },
  });
  [symbol] = engine.importSamples() as [string];
});
afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

function stored(tf: 5 | 30) {
  const inst = getInstrument(engine.db, symbol)!;
  const hash = (engine.db.prepare('SELECT DISTINCT config_hash AS h FROM indicator_values WHERE instrument_id = ?').all(inst.id) as { h: string }[]).map((r) => r.h);
  return { hash, rows: getIndicatorValues(engine.db, inst.id, tf) };
}

function eventsOf<T extends EventTopic>(topic: T): EventPayload<T>[] {
  return events.filter((e) => e.topic === topic).map((e) => e.payload as EventPayload<T>);
}

/** config reloads land within 3 s */
const until = (cond: () => boolean, ms = 3000) => waitUntil(cond, ms, 25);

describe('config hot reload', () => {
  it('starts from a default config file beside the database', () => {
    const r = engine.handle('config.get', {});
    expect(r.ok && r.value.path).toBe(configPath);
    expect(r.ok && r.value.sources['indicators.nwrqk.h']).toBe('file');
    expect(stored(30).hash).toEqual([indicatorConfigHash(engine.config)]);
  });

  it('applies an indicator change: values recomputed, change recorded, events sent', () => {
    const before = stored(30);
    const nw = before.rows.map((r) => r.data.nwrqk);
    const loaded = engine.handle('replay.load', { symbol });
    expect(loaded.ok).toBe(true);
    const clock = engine.replayer.clock;
    events.length = 0;
    const yaml = readFileSync(configPath, 'utf8').replace('    h: 8\n', '    h: 12\n');
    const t0 = performance.now();
    const r = engine.handle('config.apply', { yaml });
    const ms = performance.now() - t0;
    console.log(`config.apply with an indicator change on the NQ 5m sample: ${ms.toFixed(0)} ms`);
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.change?.diff).toEqual([{ path: 'indicators.nwrqk.h', from: 8, to: 12 }]);
    expect(engine.config.indicators.nwrqk.h).toBe(12);
    expect(engine.replayer.config.indicators.nwrqk.h).toBe(12);

    const after = stored(30);
    expect(after.hash).toEqual([indicatorConfigHash(engine.config)]);
    expect(after.hash).not.toEqual(before.hash);
    expect(after.rows.map((x) => x.t)).toEqual(before.rows.map((x) => x.t));
    const changed = after.rows.filter((x, i) => x.data.nwrqk !== null && x.data.nwrqk !== nw[i]).length;
    expect(changed).toBeGreaterThan(after.rows.length / 2);

    const rows = engine.db.prepare('SELECT at, source, diff FROM config_changes').all() as { source: string; diff: string }[];
    expect(rows.map((x) => [x.source, JSON.parse(x.diff)])).toEqual([['editor', [{ path: 'indicators.nwrqk.h', from: 8, to: 12 }]]]);
    expect(events.map((e) => e.topic).filter((t) => t.startsWith('config.') || t === 'data.changed')).toEqual(['config.changed', 'data.changed']);
    expect(eventsOf('data.changed')[0]).toEqual({ symbols: [symbol] });
    // The loaded replay was re-warmed at its clock with the new parameters: the chart gets a reset from there.
    expect(eventsOf('indicators.appended')).toMatchObject([{ symbol, reset: true, from: clock }]);
    expect(engine.replayer.state).toMatchObject({ status: 'paused', clock });
    engine.handle('replay.stop', {});
    expect(eventsOf('config.changed')[0]!.change.diff).toHaveLength(1);
  });

  it('a non-indicator change replaces the config without recomputing', () => {
    const hash = stored(30).hash;
    events.length = 0;
    const yaml = readFileSync(configPath, 'utf8').replace('  stop_atr: 2\n', '  stop_atr: 2.5\n');
    expect(engine.handle('config.apply', { yaml }).ok).toBe(true);
    expect(engine.config.risk.stop_atr).toBe(2.5);
    expect(stored(30).hash).toEqual(hash);
    expect(events.map((e) => e.topic)).toEqual(['config.changed']);
    expect(eventsOf('config.changed')[0]!.state.sources['risk.stop_atr']).toBe('file');
  });

  it('refuses an invalid YAML: problems returned, file and config unchanged', () => {
    const file = readFileSync(configPath, 'utf8');
    const config = engine.config;
    events.length = 0;
    const bad = file.replace('    h: 12\n', '    h: -1\n').replace('  stop_atr: 2.5\n', '  stop_atr: 2.5\n  stop_art: 3\n');
    const v = engine.handle('config.validate', { yaml: bad });
    expect(v.ok && v.value.problems.map((p) => p.field)).toEqual(['indicators.nwrqk.h', 'risk.stop_art']);
    const r = engine.handle('config.apply', { yaml: bad });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.message).toBe('config refused, the previous one stays in force: indicators.nwrqk.h: must be > 0, got -1 (and 1 more problem)');
    expect(!r.ok && r.problem.field).toBe('indicators.nwrqk.h');
    expect(readFileSync(configPath, 'utf8')).toBe(file);
    expect(engine.config).toBe(config);
    expect(eventsOf('config.rejected')).toEqual([{ source: 'editor', problems: (v.ok && v.value.problems) || [] }]);
    expect(engine.handle('config.history', {})).toMatchObject({ ok: true, value: [{ source: 'editor' }, { source: 'editor' }] });
  });

  it('picks up edits of the file on disk: invalid refused, valid applied', async () => {
    engine.configService.watch();
    const good = readFileSync(configPath, 'utf8');
    const config = engine.config;
    events.length = 0;
    writeFileSync(configPath, good.replace('    h: 12\n', '    h: zero\n'));
    await until(() => eventsOf('config.rejected').length > 0);
    expect(eventsOf('config.rejected')[0]).toMatchObject({ source: 'file', problems: [{ field: 'indicators.nwrqk.h', message: 'indicators.nwrqk.h: must be a number, got "zero"' }] });
    expect(engine.config).toBe(config);
    const st = engine.handle('config.get', {});
    expect(st.ok && st.value.fileProblems.map((p) => p.field)).toEqual(['indicators.nwrqk.h']);

    writeFileSync(configPath, good.replace('    h: 12\n', '    h: 10\n'));
    // Picked up within ~250 ms (200 ms debounce); the rebuild of the indicators takes ~2 s more here.
    await until(() => eventsOf('config.changed').length > 0, 10_000);
    const changed = eventsOf('config.changed')[0]!;
    expect(changed.change).toMatchObject({ source: 'file', diff: [{ path: 'indicators.nwrqk.h', from: 12, to: 10 }] });
    expect(changed.state.fileProblems).toEqual([]);
    expect(engine.config.indicators.nwrqk.h).toBe(10);
    expect(stored(30).hash).toEqual([indicatorConfigHash(engine.config)]);
    expect(eventsOf('data.changed')).toEqual([{ symbols: [symbol] }]);
    engine.configService.unwatch();
  });
});
