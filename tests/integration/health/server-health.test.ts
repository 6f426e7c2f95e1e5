// Browser mode fills in what only the main loop can measure: its event-loop lag and the events it
// sends per second, into `health.get` results and `health.changed` events on their way through.
import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { attachWebSocket, type WsTransport } from '../../../src-main/server/ws.ts';
import { startHealthProbe } from '../../../src-main/server/health-probe.ts';
import { Health, type EventTopic } from '../../../src-shared/ipc.ts';
import type { EventListener } from '../../../src-main/server/engine-host.ts';

const TOKEN = 'a'.repeat(32);
const health = (): Health => ({
  at: 1, stages: [], process: { heapMb: 1, rssMb: 2, rssGrowthMb: 0 }, mainLoopLagMs: null,
  dbBytes: 4096, walBytes: 0, ipcEventsPerSec: 0, alerts: [],
});

let server: Server | null = null;
let ws: WsTransport | null = null;
afterEach(async () => {
  await ws?.close();
  await new Promise<void>((res) => (server ? server.close(() => res()) : res()));
  server = ws = null;
});

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe('server health probe', () => {
  it('stamps lag and events/s into health.get results and health.changed events', async () => {
    const listeners = new Set<EventListener>();
    const engine = {
      call: async (name: string) => (name === 'health.get' ? { ok: true as const, value: health() } : { ok: false as const, problem: { code: 'x', message: 'x' } }),
      onEvent: (fn: EventListener) => { listeners.add(fn); return () => listeners.delete(fn); },
    };
    server = createServer();
    await new Promise<void>((res) => server!.listen(0, '127.0.0.1', () => res()));
    const port = (server.address() as AddressInfo).port;
    ws = attachWebSocket(server, { token: TOKEN, port: () => port, engine, log: () => {} });
    const sock = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${TOKEN}`);
    const frames: { type: string; id?: number; res?: { ok: boolean; value: Health }; topic?: string; payload?: Health }[] = [];
    sock.on('message', (d) => frames.push(JSON.parse(d.toString())));
    await new Promise((res, rej) => { sock.once('open', res); sock.once('error', rej); });

    await sleep(120); // a few samples of the loop-delay timer
    const emit = (topic: EventTopic, payload: unknown) => { for (const fn of listeners) fn(topic, payload); };
    for (let i = 0; i < 9; i++) emit('status.changed', { clock: null, exchangeTz: null, ticksPerSec: 0, barsSoFar: 0, rejectedRows: 0, dbBytes: 0 });
    emit('health.changed', health());
    sock.send(JSON.stringify({ type: 'call', id: 1, name: 'health.get', req: {} }));
    for (let i = 0; i < 50 && !frames.some((f) => f.type === 'result'); i++) await sleep(10);
    sock.close();

    const ev = frames.find((f) => f.topic === 'health.changed')!.payload!;
    const res = frames.find((f) => f.type === 'result')!.res!;
    for (const h of [ev, res.value]) {
      expect(Health.parse(h)).toEqual(h);
      expect(h.mainLoopLagMs).not.toBeNull();
      expect(h.mainLoopLagMs!).toBeGreaterThanOrEqual(0);
      expect(h.ipcEventsPerSec).toBeGreaterThan(0);
      expect(h.dbBytes).toBe(4096); // the engine's fields pass through
    }
    expect(ev.ipcEventsPerSec).toBeCloseTo(10, 5); // 10 events in the first second (floored to 1 s)
  });

  it('measures a blocked loop as lag', async () => {
    const probe = startHealthProbe();
    await sleep(60);
    const t = performance.now();
    while (performance.now() - t < 150) { /* block the loop */ }
    await sleep(60);
    expect(probe.lagMs()!).toBeGreaterThan(100);
    probe.close();
  });
});
