// In-page probes of the chart bench (chart-bench.ts): the time of the chart's first bars request
// (the WebSocket call frame), the first frame with bars drawn, rAF frame intervals over a gesture,
// timeframe switches timed to the frame that shows the new bars, and the renderer's heap over CDP.
import type { CDPSession, Page } from '@playwright/test';

export interface Probes {
  /** the page's CDP session (the opt-in profile, chart-profile.ts) */
  cdp: CDPSession;
  firstPaint(): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<number[]>;
  switchTo(key: string, tf: string): Promise<number>;
  heapMb(): Promise<number>;
}

interface BenchState { req: number; paint: number; frames: number[] | null }
declare global {
  interface Window {
    __bench?: BenchState;
    /** src-renderer/lib/chart/bench-hook.ts */
    __algospaceChart?: { window(): [number, number] | null; bars(): number; setWindow(lo: number, hi: number): void; complete(): boolean };
  }
}

function init(): void {
  localStorage.setItem('algospace.chart', JSON.stringify({ symbol: 'NQ', timeframe: '1m' }));
  const st: BenchState = { req: 0, paint: 0, frames: null };
  window.__bench = st;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data) {
    if (!st.req && typeof data === 'string' && /"name":"bars\./.test(data)) st.req = performance.now();
    send.call(this, data);
  };
  let prev = 0;
  const loop = (t: number) => {
    if (!st.paint && st.req && (window.__algospace?.barCount() ?? 0) > 0) st.paint = t;
    if (st.frames && prev) st.frames.push(t - prev);
    prev = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}

export async function installProbes(page: Page): Promise<Probes> {
  await page.addInitScript(init);
  const cdp = await page.context().newCDPSession(page);
  return {
    cdp,
    // the frame after the one in which bars arrived is the first with candles drawn
    firstPaint: () => page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(window.__bench!.paint - window.__bench!.req)))),
    start: () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => { window.__bench!.frames = []; r(); }))),
    stop: () => page.evaluate(() => new Promise<number[]>((r) => requestAnimationFrame(() => requestAnimationFrame(() => {
      const f = window.__bench!.frames ?? [];
      window.__bench!.frames = null;
      r(f);
    })))),
    switchTo: (key, tf) => page.evaluate(([k, want]) => new Promise<number>((r) => {
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      let seen = false;
      const poll = (t: number) => {
        if (seen) return r(t - t0); // drawn in the frame after the bars landed
        const a = window.__algospace;
        if (a && a.timeframe() === want && a.barCount() > 0) seen = true;
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    }), [key, tf] as const),
    heapMb: async () => {
      const h = await cdp.send('Runtime.getHeapUsage') as { usedSize: number; backingStorageSize?: number };
      return Math.round((h.usedSize + (h.backingStorageSize ?? 0)) / 1e5) / 10;
    },
  };
}
