import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleByDefault, createLogger, type LoggerOptions, type LogService } from '../../../../src-main/engine/log/logger.ts';
import { correlationId } from '../../../../src-main/engine/log/correlation.ts';
import { LogRecord } from '../../../../src-shared/ipc.ts';

const dirs: string[] = [];
const services: LogService[] = [];
function make(over: Partial<LoggerOptions> = {}): { log: LogService; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'as-logger-'));
  dirs.push(dir);
  const log = createLogger({ dir, level: 'info', maxFileMb: 1, retainFiles: 3, ...over });
  services.push(log);
  return { log, dir };
}
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('createLogger', () => {
  it('writes one JSON object per line with time (ms), level label, component and msg', () => {
    const { log } = make();
    const before = Date.now();
    log.child('import').info({ rows: 3 }, 'imported');
    log.logger.warn('from the root');
    const [a, b] = lines(log.file!);
    expect(a).toEqual({ time: expect.any(Number), level: 'info', component: 'import', rows: 3, msg: 'imported' });
    expect(a!.time as number).toBeGreaterThanOrEqual(before);
    expect(b).toMatchObject({ level: 'warn', component: 'app', msg: 'from the root' });
    // No duplicate keys: the default component is added only where none is bound.
    expect(readFileSync(log.file!, 'utf8').match(/"component"/g)).toHaveLength(2);
  });

  it('child loggers carry their component, grandchildren keep it, a correlation id when given', () => {
    const { log } = make();
    const id = correlationId(['import', 1_700_000_000_000, 1]);
    const imp = log.logger.child({ component: 'import' });
    imp.child({ correlationId: id }).info({ file: 'ES.csv' }, 'started');
    imp.info('no id');
    const [a, b] = log.tail();
    expect(a).toEqual({ time: expect.any(Number), level: 'info', component: 'import', correlationId: 'import:1700000000000:1', msg: 'started', data: { file: 'ES.csv' } });
    expect(b!.correlationId).toBeUndefined();
    expect(lines(log.file!)[0]).toMatchObject({ component: 'import', correlationId: id });
  });

  it('ring records satisfy the contract; errors are serialised into data', () => {
    const { log } = make();
    log.child('engine').error({ command: 'bars.get', err: new Error('boom') }, 'command failed');
    const [r] = log.tail();
    expect(LogRecord.safeParse(r).success).toBe(true);
    expect(r!.data).toMatchObject({ command: 'bars.get', err: { type: 'Error', message: 'boom' } });
  });

  it('tail: minimum level, case-insensitive search over msg/component/correlationId/data, limit, oldest first', () => {
    const { log } = make({ level: 'debug' });
    const a = log.child('import', { correlationId: 'import:1:1' });
    const r = log.child('replay');
    a.debug('chunk stored');
    a.info({ file: 'NQ_5min.csv' }, 'import finished');
    r.warn('Replay has no data');
    r.error('seek failed');
    expect(log.tail().map((x) => x.msg)).toEqual(['chunk stored', 'import finished', 'Replay has no data', 'seek failed']);
    expect(log.tail({ level: 'warn' }).map((x) => x.msg)).toEqual(['Replay has no data', 'seek failed']);
    expect(log.tail({ search: 'REPLAY' }).map((x) => x.msg)).toEqual(['Replay has no data', 'seek failed']); // component or msg
    expect(log.tail({ search: 'import:1:1' })).toHaveLength(2); // correlation id
    expect(log.tail({ search: 'nq_5MIN' }).map((x) => x.msg)).toEqual(['import finished']); // a data value
    expect(log.tail({ search: 'file' })).toHaveLength(0); // keys are not searched
    expect(log.tail({ level: 'info', search: 'import' }).map((x) => x.msg)).toEqual(['import finished']);
    expect(log.tail({ limit: 2 }).map((x) => x.msg)).toEqual(['Replay has no data', 'seek failed']);
  });

  it('the ring keeps only the newest records', () => {
    const { log } = make({ ringSize: 10 });
    const c = log.child('t');
    for (let i = 0; i < 25; i++) c.info(`r${i}`);
    expect(log.tail({ limit: 100 }).map((x) => x.msg)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i + 15}`));
  });

  it('hot reconfigure: setLevel reaches children made before it; a smaller size rotates on the next write', () => {
    const { log, dir } = make();
    const c = log.child('config');
    c.debug('hidden');
    log.setLevel('debug');
    c.debug('shown');
    log.setLevel('error');
    c.warn('hidden too');
    c.error('kept');
    expect(log.tail().map((x) => x.msg)).toEqual(['shown', 'kept']);

    log.reconfigure({ maxFileMb: 1 / 1024, retainFiles: 2 }); // 1 KiB
    log.setLevel('info');
    for (let i = 0; i < 40; i++) c.info({ i }, 'x'.repeat(50));
    const names = readdirSync(join(dir, 'logs')).sort();
    expect(names).toEqual(['algospace.1.log', 'algospace.log']);
    for (const n of names) {
      for (const rec of lines(join(dir, 'logs', n))) expect(rec).toMatchObject({ time: expect.any(Number), level: expect.any(String), component: expect.any(String), msg: expect.any(String) });
    }
  });

  it('rotation through pino: every line in every file is a whole JSON record', () => {
    const { log, dir } = make({ maxFileMb: 4 / 1024, retainFiles: 3 });
    const c = log.child('bulk');
    for (let i = 0; i < 500; i++) c.info({ i, pad: 'p'.repeat(i % 50) }, `record ${i}`);
    const names = readdirSync(join(dir, 'logs')).sort();
    expect(names).toEqual(['algospace.1.log', 'algospace.2.log', 'algospace.log']);
    const seen: number[] = [];
    for (const n of ['algospace.2.log', 'algospace.1.log', 'algospace.log']) {
      for (const rec of lines(join(dir, 'logs', n))) {
        expect(Object.keys(rec).slice(0, 3)).toEqual(['level', 'time', 'component']);
        seen.push(rec.i as number);
      }
    }
    // The kept records are the newest ones, in order, without gaps.
    expect(seen.at(-1)).toBe(499);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, k) => 500 - seen.length + k));
  });

  it('onRecord gets every record; console lines only when asked', () => {
    const got: string[] = [];
    const out: string[] = [];
    const { log } = make({ onRecord: (r) => got.push(r.msg), console: true, consoleWrite: (l) => out.push(l) });
    log.child('engine', { correlationId: 'c:1' }).info({ n: 1 }, 'hello');
    expect(got).toEqual(['hello']);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  engine +hello \{"n":1\} #c:1\n$/);
  });

  it('a throwing onRecord does not break logging, and a record logged from inside it is not fed back', () => {
    let calls = 0;
    const holder: { log?: LogService } = {};
    const { log } = make({ onRecord: () => { calls++; holder.log!.child('x').warn('from hook'); throw new Error('nope'); } });
    holder.log = log;
    expect(() => log.child('x').info('one')).not.toThrow();
    expect(calls).toBe(1);
    expect(log.tail().map((r) => r.msg)).toEqual(['one', 'from hook']);
  });

  it('without a folder: ring only, no file', () => {
    const log = createLogger({ dir: null, level: 'info', maxFileMb: 1, retainFiles: 1 });
    log.child('a').info('x');
    expect(log.file).toBeNull();
    expect(log.tail()).toHaveLength(1);
    log.close();
  });

  it('console defaults: on in dev, off in production, ALGOSPACE_LOG_CONSOLE decides (the test config sets 0)', () => {
    expect(consoleByDefault({})).toBe(true);
    expect(consoleByDefault({ NODE_ENV: 'production' })).toBe(false);
    expect(consoleByDefault({ NODE_ENV: 'production', ALGOSPACE_LOG_CONSOLE: '1' })).toBe(true);
    expect(process.env.ALGOSPACE_LOG_CONSOLE).toBe('0');
    expect(consoleByDefault({ ALGOSPACE_LOG_CONSOLE: '0' })).toBe(false);
  });
});

describe('correlationId', () => {
  it('joins parts with ":" and keeps each part free of separators and whitespace', () => {
    expect(correlationId(['decision', 'ES', 1_700_000_000_000])).toBe('decision:ES:1700000000000');
    expect(correlationId(['import', 'my file:1.csv'])).toBe('import:my_file_1.csv');
    expect(() => correlationId([])).toThrow();
  });
});
