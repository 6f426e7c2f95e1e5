// The one typed client, for both transports: Electron (the preload's bridge) and browser mode (a
// WebSocket on 127.0.0.1 carrying the same contract). Responses and events are validated here with
// the contract's schemas; a transport failure becomes a fail Result, never an unhandled rejection.
import { commands, events, FRAME, Frame, TOKEN_HEADER, type CommandName, type EventTopic, type EventPayload, type Req, type Res } from '../../src-shared/ipc.ts';
import { fail } from '../../src-shared/result.ts';
import { decodeFrame } from '../../src-shared/binary-frame.ts';
import { takeSessionToken } from './session-token.ts';

export type Connection = 'connecting' | 'open' | 'closed';

interface Bridge {
  invoke?: (name: string, req: unknown) => Promise<unknown>;
  call?: (name: string, req: unknown) => Promise<unknown>;
  on: (topic: string, fn: (payload: unknown) => void) => () => void;
}

declare global {
  interface Window {
    algospace?: Bridge;
    __algospace?: {
      barCount(): number; timeframe(): string; indicatorsReady(): boolean; indicatorLastT(tf: '5m' | '30m'): number | null;
      indicatorFirstT(tf: '5m' | '30m'): number | null;
      /** trading markers per kind the chart drew last time */
      markersDrawn(): Record<string, number>;
    };
  }
}

type Listener = (payload: unknown) => void;
type ConnListener = (state: Connection, reconnected: boolean) => void;

/** a call fails when the engine shows no sign of work for this long (a long job's progress events are signs) */
const CALL_TIMEOUT_MS = 120_000;

export class Api {
  readonly mode: 'electron' | 'browser';
  #bridge: Bridge | null;
  #token: string;
  #ws: WebSocket | null = null;
  #state: Connection = 'connecting';
  #everOpen = false;
  #retry = 0;
  #nextId = 1;
  #pending = new Map<number, { resolve: (raw: unknown) => void; timer: ReturnType<typeof setTimeout> }>();
  /** when the engine last reported a long job's progress (calls queued behind the job keep waiting) */
  #lastProgress = 0;
  #listeners = new Map<string, Set<Listener>>();
  #bridgeUnsubs = new Map<string, () => void>();
  #connListeners = new Set<ConnListener>();

  constructor() {
    this.#bridge = typeof window !== 'undefined' && window.algospace ? window.algospace : null;
    this.mode = this.#bridge ? 'electron' : 'browser';
    this.#token = this.#bridge ? '' : takeSessionToken({
      href: location.href, storage: sessionStorage, replaceUrl: (u) => history.replaceState(history.state, '', u),
    });
    if (this.#bridge) this.#state = 'open';
    else this.#connect();
  }

  get connection(): Connection { return this.#state; }
  get token(): string { return this.#token; }

  /** Call a command; the response is validated against the contract. Never rejects. */
  async call<N extends CommandName>(name: N, req: Req<N>): Promise<Res<N>> {
    const schema = commands[name].res;
    let raw: unknown;
    try {
      raw = this.#bridge ? await this.#invokeBridge(name, req) : await this.#invokeWs(name, req);
    } catch (e) {
      return fail('transport', `${name}: ${e instanceof Error ? e.message : String(e)}`) as Res<N>;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return fail('bad-response', `${name}: response does not match the contract: ${parsed.error.issues[0]?.message ?? '?'}`) as Res<N>;
    }
    return parsed.data as Res<N>;
  }

  /** Subscribe to an event topic; invalid payloads are dropped. Returns the unsubscribe function. */
  on<T extends EventTopic>(topic: T, fn: (payload: EventPayload<T>) => void): () => void {
    const schema = events[topic];
    const wrapped: Listener = (payload) => {
      const p = schema.safeParse(payload);
      if (p.success) fn(p.data as EventPayload<T>);
      else console.warn(`dropped invalid '${topic}' event`, p.error.issues[0]);
    };
    let set = this.#listeners.get(topic);
    if (!set) {
      set = new Set();
      this.#listeners.set(topic, set);
      if (this.#bridge) this.#bridgeUnsubs.set(topic, this.#bridge.on(topic, (p) => this.#emit(topic, p)));
    }
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
      if (set.size === 0) {
        this.#listeners.delete(topic);
        this.#bridgeUnsubs.get(topic)?.();
        this.#bridgeUnsubs.delete(topic);
      }
    };
  }

  /** Connection changes; `reconnected` is true when a connection opens again after a loss. */
  onConnection(fn: ConnListener): () => void {
    this.#connListeners.add(fn);
    return () => this.#connListeners.delete(fn);
  }

  /**
   * Browser mode: upload a file to the server, which answers with a path the engine can read.
   * `progress` gets the bytes sent (XMLHttpRequest: fetch reports no upload progress); `signal` aborts it.
   */
  upload(file: File, progress?: (sent: number, total: number) => void, signal?: AbortSignal): Promise<{ ok: true; value: string } | { ok: false; problem: { code: string; message: string } }> {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/upload?name=${encodeURIComponent(file.name)}`);
      xhr.setRequestHeader(TOKEN_HEADER, this.#token);
      xhr.responseType = 'text';
      xhr.upload.onprogress = (e) => progress?.(e.loaded, e.lengthComputable ? e.total : file.size);
      xhr.onerror = () => resolve(fail('upload', 'upload failed: the connection to the server broke'));
      xhr.onabort = () => resolve(fail('cancelled', 'upload cancelled: nothing was imported'));
      xhr.onload = () => {
        if (xhr.status < 200 || xhr.status >= 300) {
          resolve(fail('upload', `upload failed: HTTP ${xhr.status} ${xhr.responseText}`.trim()));
          return;
        }
        try {
          const body: unknown = JSON.parse(xhr.responseText);
          if (body && typeof body === 'object' && 'path' in body && typeof body.path === 'string') resolve({ ok: true, value: body.path });
          else resolve(fail('upload', 'upload: the server did not return a path'));
        } catch {
          resolve(fail('upload', 'upload: the server did not return JSON'));
        }
      };
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(file);
    });
  }

  #emit(topic: string, payload: unknown): void {
    const set = this.#listeners.get(topic);
    if (!set) return;
    for (const fn of [...set]) {
      try { fn(payload); } catch (e) { console.error(`'${topic}' listener failed`, e); }
    }
  }

  #setState(s: Connection): void {
    const reconnected = s === 'open' && this.#everOpen;
    if (s === 'open') this.#everOpen = true;
    this.#state = s;
    for (const fn of [...this.#connListeners]) fn(s, reconnected);
  }

  async #invokeBridge(name: string, req: unknown): Promise<unknown> {
    const b = this.#bridge!;
    const f = b.invoke ?? b.call;
    if (!f) throw new Error('the preload bridge has no invoke()');
    return f.call(b, name, req);
  }

  #invokeWs(name: string, req: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const ws = this.#ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        reject(new Error('not connected to the engine'));
        return;
      }
      const id = this.#nextId++;
      const expire = (): void => {
        const p = this.#pending.get(id);
        if (!p) return;
        const quiet = Date.now() - this.#lastProgress;
        if (quiet < CALL_TIMEOUT_MS) { p.timer = setTimeout(expire, CALL_TIMEOUT_MS - quiet); return; }
        this.#pending.delete(id);
        reject(new Error(`timed out: no answer and no sign of work from the engine for ${CALL_TIMEOUT_MS / 1000} s`));
      };
      const timer = setTimeout(expire, CALL_TIMEOUT_MS);
      this.#pending.set(id, { resolve, timer });
      try {
        ws.send(JSON.stringify({ type: FRAME.call, id, name, req }));
      } catch (e) {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  #connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(this.#token)}`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    ws.binaryType = 'arraybuffer'; // results with typed-array columns (binary-frame.ts)
    this.#ws = ws;
    if (this.#state !== 'connecting') this.#setState('connecting');
    ws.onopen = () => {
      this.#retry = 0;
      this.#setState('open');
    };
    ws.onmessage = (ev) => this.#onFrame(ev.data);
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      for (const [id, p] of this.#pending) {
        clearTimeout(p.timer);
        p.resolve(fail('transport', 'connection to the engine lost'));
        this.#pending.delete(id);
      }
      this.#setState('closed');
      this.#scheduleReconnect();
    };
  }

  #scheduleReconnect(): void {
    const delay = Math.min(10_000, 250 * 2 ** this.#retry) * (0.75 + Math.random() * 0.5);
    this.#retry = Math.min(this.#retry + 1, 8);
    setTimeout(() => this.#connect(), delay);
  }

  #onFrame(data: unknown): void {
    let json: unknown;
    try {
      if (data instanceof ArrayBuffer) json = decodeFrame(data);
      else if (typeof data === 'string') json = JSON.parse(data);
      else return;
    } catch { return; }
    const f = Frame.safeParse(json);
    if (!f.success) return;
    const frame = f.data;
    if (frame.type === FRAME.result) {
      const p = this.#pending.get(frame.id);
      if (!p) return;
      this.#pending.delete(frame.id);
      clearTimeout(p.timer);
      p.resolve(frame.res);
    } else if (frame.type === FRAME.event) {
      if (frame.topic === 'job.progressed') this.#lastProgress = Date.now();
      this.#emit(frame.topic, frame.payload);
    }
  }
}

let shared: Api | null = null;
/** The app-wide client (created on first use). */
export function api(): Api {
  shared ??= new Api();
  return shared;
}
