// Worker-thread entry: decode a frame, validate it against the contract, call the engine, reply.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { Engine } from './engine.ts';
import { FRAME, Frame, WORKER_CONTROL, commands, isCommandName, type CommandName, type EventTopic } from '../../src-shared/ipc.ts';
import { fail } from '../../src-shared/result.ts';
import { URGENT_COMMANDS } from '../../src-shared/ipc-progress.ts';
import { consoleByDefault } from './log/logger.ts';
import { defaultModelPath } from './decision/model-path.ts';

interface WorkerData { dbPath: string; sampleDir: string; mode: 'electron' | 'browser' }

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort; // a MessagePort from here on (also inside the functions below)
const data = workerData as WorkerData;

/** messages that arrived while a job ran, answered after it, in order */
const kept: unknown[] = [];

const engine = new Engine({
  ...data,
  // Between slices of a job (an import, a recompute): job.cancel is answered now, the rest after the job;
  // a shutdown cancels the job first.
  poll: () => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const msg = m.message as { type?: unknown; name?: unknown } | null;
      if (msg?.type === FRAME.call && URGENT_COMMANDS.has(String(msg.name))) onMessage(msg);
      else {
        if (msg?.type === WORKER_CONTROL.shutdown) engine.handle('job.cancel', {});
        // a job not started by a message (a config file edited on disk) has no handler to drain after it
        if (kept.length === 0) setImmediate(drain);
        kept.push(msg);
      }
    }
  },
  emit: (topic: EventTopic, payload: unknown) => port.postMessage({ type: FRAME.event, topic, payload } satisfies Frame),
  // The log file goes to the user-data folder (the database's); console lines in dev only.
  log: { console: consoleByDefault() },
});
// A monitor, not a handler: the worker still dies as before, but the cause is in the log file first
// (writes are synchronous, so the record is on disk when this returns).
process.on('uncaughtExceptionMonitor', (err, origin) => {
  engine.logs.child('worker').error({ err, origin }, 'uncaught exception; the engine worker stops');
  engine.logs.flush();
});

/** the kept messages, in arrival order, before any later one */
function drain(): void {
  while (kept.length > 0) onMessage(kept.shift());
}

port.on('message', (msg: unknown) => {
  drain();
  onMessage(msg);
  drain();
});

function onMessage(msg: unknown): void {
  if (typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === WORKER_CONTROL.shutdown) {
    engine.close(); // logs the shutdown, then flushes and closes the log file
    port.postMessage({ type: WORKER_CONTROL.closed });
    process.exit(0);
  }
  const f = Frame.safeParse(msg);
  if (!f.success || f.data.type !== FRAME.call) return;
  const { id, name, req } = f.data;
  if (!isCommandName(name)) {
    port.postMessage({ type: FRAME.result, id, res: fail('unknown-command', `unknown command '${name}'`) } satisfies Frame);
    return;
  }
  const parsed = commands[name].req.safeParse(req);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    port.postMessage({ type: FRAME.result, id, res: fail('bad-request', `${name}: ${issue?.message ?? 'invalid request'}`, { field: issue?.path.join('.') }) } satisfies Frame);
    return;
  }
  const res = engine.handle(name as CommandName, parsed.data as never);
  // a few commands answer later (sweep.taskReport): the others keep being answered meanwhile
  if (res instanceof Promise) void res.then((r) => port.postMessage({ type: FRAME.result, id, res: r } satisfies Frame));
  else port.postMessage({ type: FRAME.result, id, res } satisfies Frame);
}

// The model loads (async, tens of ms) while the samples are checked; decisions before it is ready take the rule path.
void engine.trading.loadModel(defaultModelPath(data.sampleDir)).then(() => {
  // the model panel shows what start-up chose (a model and its card, or why the rule path decides)
  port.postMessage({ type: FRAME.event, topic: 'model.changed' satisfies EventTopic, payload: engine.trading.modelInfo() } satisfies Frame);
});
engine.importSamples();
engine.syncIndicators();
engine.markReady();
engine.configService.watch();
engine.startStatusTicker();
port.postMessage({ type: FRAME.event, topic: 'status.changed' satisfies EventTopic, payload: engine.status() } satisfies Frame);
