// The engine's logs end to end: a real engine on a temp user-data folder (database, config.yaml and
// logs/ side by side), an import through the command, the file, the ring and the coalesced events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../../src-main/engine/engine.ts';
import { LogRecord, type EventPayload, type EventTopic } from '../../../../src-shared/ipc.ts';

const dir = mkdtempSync(join(tmpdir(), 'as-engine-log-'));
const logFile = join(dir, 'logs', 'algospace.log');
const events: { topic: EventTopic; payload: unknown }[] = [];
let engine: Engine;

const fileRecords = () => readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const appended = () => events.filter((e) => e.topic === 'log.appended').map((e) => e.payload as EventPayload<'log.appended'>);

beforeAll(() => {
  mkdirSync(join(dir, 'samples'));
  engine = new Engine({
    dbPath: join(dir, 'a.db'), sampleDir: join(dir, 'samples'), mode: 'browser', env: {},
    emit: (topic, payload) => { events.push({ topic, payload }); },
  });
});
afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('engine logs', () => {
  it('shutdown is logged; a later engine appends to the same file; known samples are not logged again at info', () => {
    const other = mkdtempSync(join(tmpdir(), 'as-engine-log2-'));
    try {
      mkdirSync(join(other, 'samples'));
      writeFileSync(join(other, 'samples', 'NQ_s.csv'), 'timestamp,open,high,low,close,volume\n2023-11-20 09:30:00,100,101,99,100.5,10\n');
      const run = () => {
        const e = new Engine({ dbPath: join(other, 'b.db'), sampleDir: join(other, 'samples'), mode: 'browser', env: {}, emit: () => {} });
        e.importSamples();
        e.close();
      };
      run();
      run();
      const msgs = readFileSync(join(other, 'logs', 'algospace.log'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(msgs.filter((m) => m === 'engine started')).toHaveLength(2);
      expect(msgs.filter((m) => m === 'samples checked')).toHaveLength(2);
      expect(msgs.filter((m) => m.startsWith('import '))).toEqual(['import finished']); // started/skipped are debug for samples
      expect(msgs.slice(-2)).toEqual(['engine shutting down', 'engine stopped']);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });


  it('logs its startup with the database and config paths', () => {
    const start = fileRecords().find((r) => r.msg === 'engine started');
    expect(start).toMatchObject({ level: 'info', component: 'engine', dbPath: join(dir, 'a.db'), configPath: join(dir, 'config.yaml'), logFile });
  });

  it('an import writes JSON records with component import, sharing one correlation id', () => {
    const f = join(dir, 'NQ_bad.csv');
    writeFileSync(f, [
      'timestamp,open,high,low,close,volume',
      '2023-11-20 09:30:00,100,101,99,100.5,10',
      '2023-11-20 09:31:00,100.5,abc,99,100,5',
      '2023-11-20 09:32:00,100,101,99,100.5,7',
    ].join('\n'));
    const r = engine.handle('import.start', { path: f });
    expect(r.ok).toBe(true);
    const imp = fileRecords().filter((x) => x.component === 'import');
    expect(imp.map((x) => x.msg)).toEqual(['import started', 'import finished', 'rows rejected']);
    const done = imp[1]!;
    expect(done).toMatchObject({ level: 'info', file: 'NQ_bad.csv', symbol: 'NQ', rows: 2, rejected: 1, ms: expect.any(Number), time: expect.any(Number) });
    expect(done.correlationId).toMatch(/^import:\d+:\d+$/);
    expect(new Set(imp.map((x) => x.correlationId)).size).toBe(1);
    expect(imp[2]).toMatchObject({ level: 'warn', problems: [{ line: 3, field: 'high' }] });
  });

  it('a failed import is a warning under its own correlation id', () => {
    const r = engine.handle('import.start', { path: join(dir, 'missing.csv') });
    expect(r.ok).toBe(false);
    const rec = fileRecords().filter((x) => x.component === 'import').at(-1)!;
    expect(rec).toMatchObject({ level: 'warn', msg: 'import failed', code: 'unreadable-file' });
    const ids = new Set(fileRecords().filter((x) => x.component === 'import').map((x) => x.correlationId));
    expect(ids.size).toBe(2);
  });

  it('logs.tail answers from the ring with level filter and search; the file path comes along', () => {
    const all = engine.handle('logs.tail', {});
    expect(all.ok).toBe(true);
    if (!all.ok) return;
    expect(all.value.file).toBe(logFile);
    for (const r of all.value.records) expect(LogRecord.safeParse(r).success).toBe(true);
    const warn = engine.handle('logs.tail', { level: 'warn' });
    expect(warn.ok && warn.value.records.map((r) => r.msg)).toEqual(['rows rejected', 'import failed']);
    const found = engine.handle('logs.tail', { search: 'nq_BAD' });
    expect(found.ok && found.value.records.length).toBeGreaterThanOrEqual(2);
    const one = engine.handle('logs.tail', { limit: 1 });
    expect(one.ok && one.value.records).toHaveLength(1);
  });

  it('replay commands are logged, refusals as warnings', () => {
    engine.handle('replay.load', { symbol: 'NQ' });
    engine.handle('replay.load', { symbol: 'NOPE' });
    engine.handle('replay.stop', {});
    const rep = fileRecords().filter((x) => x.component === 'replay');
    expect(rep.map((x) => [x.level, x.msg])).toEqual([['info', 'replay load'], ['warn', 'replay load refused'], ['info', 'replay stop']]);
    expect(rep[0]).toMatchObject({ symbol: 'NQ', status: 'paused' });
  });

  it('the end of a replay is logged once', async () => {
    engine.handle('replay.load', { symbol: 'NQ' });
    engine.handle('replay.setSpeed', { speed: 'max' });
    engine.handle('replay.play', {});
    const end = Date.now() + 5000;
    while (engine.replayer.state.status !== 'ended' && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    const ended = fileRecords().filter((x) => x.msg === 'replay ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ component: 'replay', symbol: 'NQ' });
    engine.handle('replay.stop', {});
  });

  it('errors caught in a command handler are logged with the command name', () => {
    const original = engine.handlers['imports.list'];
    (engine.handlers as Record<string, unknown>)['imports.list'] = () => { throw new Error('disk on fire'); };
    try {
      const r = engine.handle('imports.list', {});
      expect(r.ok).toBe(false);
    } finally {
      (engine.handlers as Record<string, unknown>)['imports.list'] = original;
    }
    const rec = fileRecords().at(-1)!;
    expect(rec).toMatchObject({ level: 'error', component: 'engine', command: 'imports.list', err: { message: 'disk on fire' } });
  });

  it('a logging config change applies at once (level, size) and the change is logged with its paths', () => {
    const yaml = readFileSync(join(dir, 'config.yaml'), 'utf8').replace(/level: info/, 'level: warn');
    expect(yaml).toContain('level: warn');
    const r = engine.handle('config.apply', { yaml });
    expect(r.ok).toBe(true);
    const applied = fileRecords().find((x) => x.msg === 'config applied');
    expect(applied).toMatchObject({ component: 'config', source: 'editor', paths: ['logging.level'] });
    const before = fileRecords().length;
    engine.handle('replay.stop', {}); // info: no longer written
    expect(fileRecords().length).toBe(before);

    const bad = engine.handle('config.apply', { yaml: yaml.replace('level: warn', 'level: loud') });
    expect(bad.ok).toBe(false);
    expect(fileRecords().at(-1)).toMatchObject({ level: 'warn', component: 'config', msg: 'config refused; the previous one stays in force' });
  });

  it('records reach clients as coalesced log.appended events', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const batches = appended();
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.length).toBeLessThan(fileRecords().length); // coalesced, not one per record
    const msgs = batches.flatMap((b) => b.records.map((r) => r.msg));
    expect(msgs).toContain('import finished');
    expect(msgs).toContain('config refused; the previous one stays in force');
  });
});
