// Browser mode next to hostile neighbours: any local process can open connections to 127.0.0.1 without
// the token. Each costs a file descriptor, and the engine (a worker thread of this process) shares the
// descriptor table: at its limit every file it opens fails (EMFILE). So connections are capped well
// below the limit, a connection that sends no complete header in time or goes quiet is closed, and only
// the WebSocket of a page that passed the token check may stay idle.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface ConnectionLimits {
  /** connections at once (sockets above it are closed as they arrive) */
  maxConnections: number;
  /** a request's headers must be complete within this */
  headersTimeoutMs: number;
  /** a connection with no traffic for this long is closed (uploads keep theirs alive by sending) */
  idleMs: number;
}

/** The process's open-file limit (Linux: /proc/self/limits); 1024 where it cannot be read. */
export function fdLimit(): number {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return Number(m[1]);
  } catch { /* not Linux */ }
  return 1024;
}

/** A quarter of the descriptors for connections (the engine, SQLite, logs and uploads keep the rest), 64–4,096. */
export function defaultLimits(limit = fdLimit()): ConnectionLimits {
  return { maxConnections: Math.max(64, Math.min(4096, Math.floor(limit / 4))), headersTimeoutMs: 10_000, idleMs: 30_000 };
}

export function guardServer(server: Server, l: ConnectionLimits): void {
  server.maxConnections = l.maxConnections;
  server.headersTimeout = l.headersTimeoutMs;
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    socket.setTimeout(l.idleMs, () => socket.destroy());
  });
}

/** A WebSocket that passed the token check: the page may sit idle for hours. */
export function trusted(socket: Duplex): void {
  (socket as Duplex & { setTimeout?: (ms: number) => void }).setTimeout?.(0);
}
