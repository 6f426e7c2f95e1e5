// A stand-in for src-main/engine/worker.ts speaking the same Frames over parentPort, with a few
// commands wired to misbehave so the host's and transports' checks can be tested.
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort!;
const data = workerData as { dbPath: string; sampleDir: string; mode: 'electron' | 'browser' };
let calls = 0;

const state = { symbol: null, status: 'playing', speed: 1, source: null, clock: null, from: null, to: null, ticks: 0 };
const ok = (value: unknown) => ({ ok: true, value });

port.on('message', (msg: { type: string; id?: number; name?: string; req?: unknown }) => {
  if (msg.type === 'shutdown') {
    if (data.sampleDir !== 'ignore-shutdown') process.exit(0);
    return;
  }
  if (msg.type !== 'call') return;
  calls++;
  const reply = (res: unknown) => port.postMessage({ type: 'result', id: msg.id, res });
  switch (msg.name) {
    case 'app.info':
      return reply(ok({ version: '0.0.0-fake', mode: data.mode, dbPath: data.dbPath, sampleDir: data.sampleDir }));
    case 'status.get': // barsSoFar = calls that reached the worker, so tests can see what was forwarded
      return reply(ok({ clock: null, exchangeTz: null, ticksPerSec: 0, barsSoFar: calls, rejectedRows: 0, dbBytes: 0 }));
    case 'instruments.list':
      return reply(ok([]));
    case 'replay.play':
      port.postMessage({ type: 'event', topic: 'replay.changed', payload: { bogus: true } });
      port.postMessage({ type: 'event', topic: 'no.such.topic', payload: {} });
      port.postMessage({ type: 'event', topic: 'replay.changed', payload: state });
      return reply(ok(state));
    case 'imports.list':
      return reply(ok('not-an-array'));
    case 'replay.pause':
      return; // never answers
    case 'replay.stop':
      setTimeout(() => { throw new Error('fake engine boom'); }, 5);
      return;
    default:
      return reply({ ok: false, problem: { code: 'not-implemented', message: `${msg.name} (fake worker)` } });
  }
});
