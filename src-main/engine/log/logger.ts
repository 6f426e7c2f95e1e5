// Structured JSON logs with pino: one sink that appends each record to the rotating file, keeps it in
// the in-memory ring (logs.tail), hands it to `onRecord` (log.appended) and, in dev, prints it.
// No pino transports: they start worker threads resolved at runtime, which our bundled build breaks.
import pino, { type Logger } from 'pino';
import type { LogRecord } from '../../../src-shared/ipc.ts';
import { RotatingFile, type RotationLimits } from './rotating-file.ts';
import { RecordRing, type TailQuery } from './ring.ts';
import { formatRecord, parseRecord, type LogLevel } from './record.ts';

export type { Logger } from 'pino';

export interface LoggerOptions extends RotationLimits {
  /** the user-data folder; records go to <dir>/logs/algospace.log. null = no file (ring and console only) */
  dir: string | null;
  level: LogLevel;
  /** human-readable lines on stderr (stdout is reserved: browser mode prints its URL there) */
  console?: boolean;
  /** every record written, after it is in the file and the ring; must not throw (errors are swallowed) */
  onRecord?: (r: LogRecord) => void;
  ringSize?: number;
  /** where console lines go; default process.stderr */
  consoleWrite?: (line: string) => void;
}

export interface LogService {
  /** the root pino logger; log through children: `logger.child({ component: 'import' })` */
  readonly logger: Logger;
  /** the active log file; null without a folder */
  readonly file: string | null;
  /** the rotating file itself (tests, diagnostics); null without a folder */
  readonly rotating: RotatingFile | null;
  /** shorthand for `logger.child({ component, ...bindings })` (component first in every line) */
  child(component: string, bindings?: Record<string, unknown>): Logger;
  tail(q?: TailQuery): LogRecord[];
  /** applies to the root and to every child that did not set its own level */
  setLevel(level: LogLevel): void;
  reconfigure(limits: RotationLimits): void;
  flush(): void;
  close(): void;
}

/** Console output by default in dev, not in production; ALGOSPACE_LOG_CONSOLE=0|1 decides (the tests set 0). */
export function consoleByDefault(env: Record<string, string | undefined> = process.env): boolean {
  if (env.ALGOSPACE_LOG_CONSOLE !== undefined) return env.ALGOSPACE_LOG_CONSOLE === '1';
  return env.NODE_ENV !== 'production';
}

export function createLogger(opts: LoggerOptions): LogService {
  const file = opts.dir === null ? null : new RotatingFile(opts.dir, opts);
  const ring = new RecordRing(opts.ringSize);
  const toConsole = opts.console === true;
  const consoleWrite = opts.consoleWrite ?? ((line: string) => { process.stderr.write(line); });
  let inHook = false;

  const sink = {
    write(line: string): void {
      file?.write(line);
      const rec = parseRecord(line);
      if (!rec) return;
      ring.push(rec);
      if (toConsole) consoleWrite(`${formatRecord(rec)}\n`);
      // A record logged from inside onRecord (say, a failed emit) is kept but not fed back into it.
      if (!opts.onRecord || inHook) return;
      inHook = true;
      try { opts.onRecord(rec); } catch { /* logging never throws into the caller */ } finally { inHook = false; }
    },
    flushSync(): void { file?.flushSync(); },
  };

  // Loggers whose bindings carry a component; records of the others get component 'app' (see mixin).
  const withComponent = new WeakSet<Logger>();
  const logger = pino({
    level: opts.level,
    base: null, // no pid/hostname: one process writes this file
    timestamp: pino.stdTimeFunctions.epochTime, // `time`: epoch ms, as LogRecord has it
    formatters: { level: (label) => ({ level: label }) },
    onChild: (child) => { if ('component' in child.bindings()) withComponent.add(child); },
    // pino does not de-duplicate keys, so the default component is added only where none is bound.
    mixin: (_obj, _level, lg) => (withComponent.has(lg) ? {} : { component: 'app' }),
  }, sink);

  return {
    logger,
    file: file?.path ?? null,
    rotating: file,
    child: (component, bindings) => logger.child({ component, ...bindings }),
    tail: (q) => ring.tail(q),
    setLevel: (level) => { logger.level = level; },
    reconfigure: (limits) => file?.reconfigure(limits),
    flush: () => sink.flushSync(),
    close: () => file?.close(),
  };
}
