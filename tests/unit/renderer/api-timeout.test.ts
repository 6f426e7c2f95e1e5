// The browser-mode client's call timeout (issue 17 point 5): a call queued behind a long job (an
// import of over two minutes) keeps waiting while the engine reports the job's progress, and fails
// with a clear message only after CALL_TIMEOUT_MS without an answer or a progress event.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeSocket {
  static OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = 1;
  sent: { id: number; name: string }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor() { FakeSocket.last = this; }
  send(s: string): void { this.sent.push(JSON.parse(s) as { id: number; name: string }); }
  frame(f: unknown): void { this.onmessage?.({ data: JSON.stringify(f) }); }
}

const progress = (done: number) => ({
  type: 'event', topic: 'job.progressed',
  payload: { id: 'j1', kind: 'import', label: 'big.csv', state: 'running', phase: 'indicators', step: 3, steps: 4, done, total: 100, unit: 'bars', rows: done, rowsPerSec: 1, etaSec: null, elapsedSec: done },
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('location', { href: 'http://127.0.0.1:1/?token=t', protocol: 'http:', host: '127.0.0.1:1' });
  vi.stubGlobal('sessionStorage', { getItem: () => null, setItem: () => {} });
  vi.stubGlobal('history', { state: null, replaceState: () => {} });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Api call timeout', () => {
  it('keeps a call alive while job progress arrives, and times out 120 s after the last sign of work', async () => {
    const { Api } = await import('../../../src-renderer/lib/api.ts');
    const api = new Api();
    const ws = FakeSocket.last!;
    ws.onopen?.();
    let settled: unknown = null;
    void api.call('status.get', {}).then((r) => { settled = r; });
    for (let s = 0; s < 200; s += 30) { // a job reporting every 30 s for 200 s
      await vi.advanceTimersByTimeAsync(30_000);
      ws.frame(progress(s));
    }
    expect(settled).toBeNull(); // 210 s after the call, still waiting
    await vi.advanceTimersByTimeAsync(119_000);
    expect(settled).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000); // 121 s after the last progress event
    expect(settled).toMatchObject({ ok: false, problem: { code: 'transport' } });
    expect((settled as { problem: { message: string } }).problem.message).toMatch(/timed out: no answer and no sign of work .* 120 s/);
  });

  it('times out after 120 s when the engine is silent', async () => {
    const { Api } = await import('../../../src-renderer/lib/api.ts');
    const api = new Api();
    FakeSocket.last!.onopen?.();
    let settled: unknown = null;
    void api.call('status.get', {}).then((r) => { settled = r; });
    await vi.advanceTimersByTimeAsync(119_000);
    expect(settled).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(settled).toMatchObject({ ok: false, problem: { code: 'transport' } });
  });
});
