// Owns the engine worker thread for either transport (Electron main or browser-mode server).
// Everything the worker sends is untrusted until checked against the contract; a dead worker
// turns every pending call into a fail Result instead of a hang. Never imports 'electron'.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FRAME, Frame, WORKER_CONTROL, type CommandName, type EventTopic, type Req, type Res } from '../../src-shared/ipc.ts';
import { fail, type Result } from '../../src-shared/result.ts';
import { checkCall, checkEvent, checkResponse } from './validate.ts';

export type EngineMode = 'electron' | 'browser';

export interface EngineOptions {
  dbPath: string;
  sampleDir: string;
  mode: EngineMode;
  /** worker entry; default: env ALGOSPACE_WORKER, else the engine worker next to this code */
  workerUrl?: URL | string;
  /** how long close() waits for the worker to exit before terminating it (default 5000) */
  shutdownTimeoutMs?: number;
  /** where problems are reported (default console.error) */
  log?: (msg: string) => void;
}

export type EventListener = (topic: EventTopic, payload: unknown) => void;

export interface EngineHost {
  call<N extends CommandName>(name: N, req: Req<N>): Promise<Res<N>>;
  call(name: CommandName, req: unknown): Promise<Result<unknown>>;
  /** valid events only; returns the unsubscribe function */
  onEvent(fn: EventListener): () => void;
  /** asks the worker to shut down, waits for it (then terminates it); idempotent */
  close(): Promise<void>;
  /** false once the worker has exited (crash or close) */
  readonly alive: boolean;
}

/**
 * Source (import.meta.url ends in .ts): src-main/engine/worker.ts, run by Node's type stripping.
 * Bundle (out/main/index.js): out/main/worker.js, the second main input of electron-vite.
 */
export function defaultWorkerUrl(here: string = import.meta.url): URL {
  const env = process.env.ALGOSPACE_WORKER;
  if (env) return pathToFileURL(isAbsolute(env) ? env : resolve(env));
  // Variables, not literals: a bundler must not rewrite these as asset URLs.
  const candidates = here.endsWith('.ts') ? ['../engine/worker.ts'] : ['./worker.js', '../worker.js'];
  const urls = candidates.map((rel) => new URL(rel, here));
  return urls.find((u) => existsSync(u)) ?? urls[0]!;
}

type Pending = { name: CommandName; resolve: (r: Result<unknown>) => void };

export function startEngine(opts: EngineOptions): EngineHost {
  const log = opts.log ?? ((msg: string) => console.error(`[engine-host] ${msg}`));
  const url = typeof opts.workerUrl === 'string' ? pathToFileURL(resolve(opts.workerUrl)) : (opts.workerUrl ?? defaultWorkerUrl());
  const worker = new Worker(url, { workerData: { dbPath: opts.dbPath, sampleDir: opts.sampleDir, mode: opts.mode } });
  const pending = new Map<number, Pending>();
  const listeners = new Set<EventListener>();
  let nextId = 1;
  let alive = true;
  let closing = false;
  let lastError = '';
  let exited: Promise<void> | null = null;
  const exitedOnce = new Promise<void>((res) => worker.once('exit', () => res()));

  worker.on('message', (msg: unknown) => {
    if ((msg as { type?: unknown } | null)?.type === WORKER_CONTROL.closed) return; // the worker's goodbye before it exits
    const f = Frame.safeParse(msg);
    if (!f.success) return log(`dropped a malformed message from the worker`);
    const frame = f.data;
    if (frame.type === FRAME.result) {
      const p = pending.get(frame.id);
      if (!p) return log(`result for unknown call id ${frame.id}`);
      pending.delete(frame.id);
      const res = checkResponse(p.name, frame.res);
      if (!res.ok && res.problem.code === 'bad-response') log(res.problem.message);
      p.resolve(res);
    } else if (frame.type === FRAME.event) {
      const ev = checkEvent(frame.topic, frame.payload);
      if (!ev.ok) return log(`dropped event: ${ev.problem.message}`);
      for (const fn of [...listeners]) {
        try { fn(ev.topic, ev.payload); } catch (e) { log(`event listener failed: ${String(e)}`); }
      }
    } else {
      log(`dropped a '${frame.type}' frame from the worker`);
    }
  });
  worker.on('error', (e) => {
    lastError = e instanceof Error ? e.message : String(e);
    log(`worker error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  });
  worker.on('messageerror', () => log('worker sent a message that could not be deserialised'));
  worker.on('exit', (code) => {
    alive = false;
    if (!closing) log(`worker exited unexpectedly (code ${code})`);
    const problem = closing
      ? fail('engine-closed', 'the engine was shut down before answering')
      : fail('engine-crashed', `the engine stopped (exit code ${code})${lastError ? `: ${lastError}` : ''}`);
    for (const p of pending.values()) p.resolve(problem);
    pending.clear();
  });

  function call(name: CommandName, req: unknown): Promise<Result<unknown>> {
    const checked = checkCall(name, req);
    if (!checked.ok) return Promise.resolve(checked);
    if (!alive || closing) {
      return Promise.resolve(closing
        ? fail('engine-closed', 'the engine is shut down')
        : fail('engine-crashed', `the engine is not running${lastError ? `: ${lastError}` : ''}`));
    }
    const id = nextId++;
    return new Promise((resolvePromise) => {
      pending.set(id, { name: checked.name, resolve: resolvePromise });
      try {
        worker.postMessage({ type: FRAME.call, id, name: checked.name, req: checked.req } satisfies Frame);
      } catch (e) {
        pending.delete(id);
        resolvePromise(fail('bad-request', `${checked.name}: request could not be sent: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  }

  function close(): Promise<void> {
    if (exited) return exited;
    closing = true;
    exited = (async () => {
      if (!alive) return;
      try { worker.postMessage({ type: WORKER_CONTROL.shutdown }); } catch { /* already gone */ }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((res) => { timer = setTimeout(() => res(true), opts.shutdownTimeoutMs ?? 5000); });
      const late = await Promise.race([exitedOnce.then(() => false), timedOut]);
      clearTimeout(timer);
      if (late) {
        log('worker did not exit in time; terminating it');
        await worker.terminate();
      }
    })();
    return exited;
  }

  return {
    call: call as EngineHost['call'],
    onEvent(fn) {
      listeners.add(fn);
      return () => { listeners.delete(fn); };
    },
    close,
    get alive() { return alive; },
  };
}
