// Browser mode's transport: the contract's Frames as JSON over a WebSocket at /ws (a result holding
// typed-array columns as one binary message, src-shared/binary-frame.ts). Calls are
// checked (relayCall) before they reach the engine; engine events go to every open socket.
// Frames that are not JSON or not a call are logged and ignored: the client is ours, and a
// half-broken one should not take the connection down with it.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { FRAME, Frame } from '../../src-shared/ipc.ts';
import { encodeFrame } from '../../src-shared/binary-frame.ts';
import { hostAllowed, originAllowed, tokenSource } from './auth.ts';
import { relayCall, type CallTarget } from './validate.ts';
import type { EventListener } from './engine-host.ts';
import { startHealthProbe } from './health-probe.ts';
import { trusted } from './limits.ts';
import type { Health } from '../../src-shared/ipc.ts';

export interface WsOptions {
  token: string;
  port: () => number;
  engine: CallTarget & { onEvent(fn: EventListener): () => void };
  log?: (msg: string) => void;
}

export interface WsTransport {
  /** number of connected sockets */
  readonly clients: number;
  /** closes every socket (1001 going away) and stops accepting */
  close(): Promise<void>;
}

const MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** a socket that far behind gets no more events until it catches up (calls still answered) */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

function reject(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachWebSocket(server: Server, opts: WsOptions): WsTransport {
  const log = opts.log ?? ((msg: string) => console.error(`[ws] ${msg}`));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  // Main-loop lag and events/s go into health snapshots on their way through (the engine cannot see them).
  const probe = startHealthProbe();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const port = opts.port();
    let url: URL;
    try { url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`); } catch { return reject(socket, '400 Bad Request'); }
    if (url.pathname !== '/ws') return reject(socket, '404 Not Found');
    const allowed = hostAllowed(req, port) && originAllowed(req, port) && tokenSource(req, url, opts.token, ['query', 'header']) !== null;
    if (!allowed) return reject(socket, '403 Forbidden');
    trusted(socket);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket) => {
    ws.on('error', (e) => log(`socket error: ${e.message}`));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return log('ignored a binary frame');
      let json: unknown;
      try { json = JSON.parse(data.toString()); } catch { return log('ignored a frame that is not JSON'); }
      const f = Frame.safeParse(json);
      if (!f.success || f.data.type !== FRAME.call) return log('ignored a frame that is not a call');
      const { id, name, req } = f.data;
      void relayCall(opts.engine, name, req).then((res) => {
        if (name === 'health.get' && res.ok) res = { ok: true, value: probe.stamp(res.value as Health) };
        // typed-array columns go as one binary message (binary-frame.ts), the rest as JSON text
        if (ws.readyState === ws.OPEN) ws.send(encodeFrame({ type: FRAME.result, id, res } satisfies Frame));
      });
    });
  });

  const unsubscribe = opts.engine.onEvent((topic, payload) => {
    if (wss.clients.size === 0) return;
    probe.countEvent();
    if (topic === 'health.changed') payload = probe.stamp(payload as Health);
    const text = JSON.stringify({ type: FRAME.event, topic, payload } satisfies Frame);
    for (const ws of wss.clients) {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < MAX_BUFFERED_BYTES) ws.send(text);
    }
  });

  return {
    get clients() { return wss.clients.size; },
    close() {
      unsubscribe();
      probe.close();
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      return new Promise<void>((res) => {
        // Sockets that do not finish the closing handshake promptly are cut.
        const timer = setTimeout(() => { for (const ws of wss.clients) ws.terminate(); }, 1000);
        wss.close(() => { clearTimeout(timer); res(); });
      });
    },
  };
}
