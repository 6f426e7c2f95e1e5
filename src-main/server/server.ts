// Browser mode, assembled: engine host + HTTP (renderer, upload) + WebSocket, on 127.0.0.1 only.
// main.ts is the CLI around this; tests start it in-process.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { startEngine, type EngineHost } from './engine-host.ts';
import { createRequestHandler } from './http.ts';
import { createUploadRoot } from './upload.ts';
import { attachWebSocket } from './ws.ts';
import { defaultLimits, guardServer, type ConnectionLimits } from './limits.ts';
import { uploadLimits } from './upload-limits.ts';

export const HOST = '127.0.0.1';

export interface ServerOptions {
  /** 0 (default) = a free port chosen by the OS */
  port?: number;
  /** default: 32 random bytes as hex */
  token?: string;
  rendererDir: string;
  dbPath: string;
  sampleDir: string;
  /** an engine already started (tests); default: startEngine({ dbPath, sampleDir, mode: 'browser', workerUrl }) */
  engine?: EngineHost;
  workerUrl?: URL | string;
  /** default: a fresh dir under os.tmpdir()/algospace-uploads/, removed on close */
  uploadRoot?: string;
  log?: (msg: string) => void;
  /** default: defaultLimits() (a quarter of the descriptor limit, 10 s for headers, 30 s idle) */
  limits?: ConnectionLimits;
  /** all uploads of this session together; default: the config's limits.upload_quota_mb (2 GiB) */
  uploadQuotaBytes?: number;
  /** one upload; default: the config's limits.max_upload_mb (512 MiB) */
  uploadMaxBytes?: number;
}

export interface RunningServer {
  /** http://127.0.0.1:<port>/?token=<token> */
  url: string;
  port: number;
  token: string;
  engine: EngineHost;
  /** closes sockets, stops listening, shuts the engine down (drained), removes uploads; idempotent */
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? newToken();
  const ownUploads = opts.uploadRoot === undefined;
  const uploadRoot = opts.uploadRoot ?? (await createUploadRoot());
  let port = 0;
  const uploads = uploadLimits(opts.dbPath);
  const engine = opts.engine ?? startEngine({ dbPath: opts.dbPath, sampleDir: opts.sampleDir, mode: 'browser', workerUrl: opts.workerUrl, log: opts.log });
  // requestTimeout 0: a 512 MB upload may take longer than Node's default 5 minutes (an upload that
  // stalls is closed by the idle timeout instead); headers are checked every 2 s (limits.ts)
  const server = createServer({ requestTimeout: 0, connectionsCheckingInterval: 2_000 },
    createRequestHandler({ token, rendererDir: opts.rendererDir, uploadRoot, port: () => port, log: opts.log,
      uploadQuotaBytes: opts.uploadQuotaBytes ?? uploads.quotaBytes, uploadMaxBytes: opts.uploadMaxBytes ?? uploads.fileBytes }));
  guardServer(server, opts.limits ?? defaultLimits());
  const ws = attachWebSocket(server, { token, port: () => port, engine, log: opts.log });
  try {
    await new Promise<void>((res, rej) => {
      server.once('error', rej);
      server.listen(opts.port ?? 0, HOST, () => { server.off('error', rej); res(); });
    });
  } catch (e) {
    await ws.close();
    await engine.close();
    if (ownUploads) await rm(uploadRoot, { recursive: true, force: true });
    throw e;
  }
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((res) => server.close(() => res()));
      server.closeIdleConnections();
      await ws.close();
      await engine.close();
      server.closeAllConnections();
      await stopped;
      if (ownUploads) await rm(uploadRoot, { recursive: true, force: true });
    })();
    return closing;
  };

  return { url: `http://${HOST}:${port}/?token=${token}`, port, token, engine, close };
}
