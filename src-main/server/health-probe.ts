// Browser mode measures what only the main loop can: its event-loop lag (perf_hooks) and the events
// it sends to clients per second. stamp() fills both into a Health (a `health.get` result or a
// `health.changed` event) as it passes through the WebSocket transport; the engine leaves them null/0.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Health } from '../../src-shared/ipc.ts';
import { RateCounter } from '../engine/health/metrics.ts';

/** the delay timer's period; a sample is this plus the lag */
const RESOLUTION_MS = 20;
/** lag is the p99 over a window of about this long */
const WINDOW_MS = 5_000;

export interface HealthProbe {
  /** one event sent to clients */
  countEvent(): void;
  /** the lag (ms) over the last few seconds; null before the first sample */
  lagMs(): number | null;
  eventsPerSec(): number;
  stamp(h: Health): Health;
  close(): void;
}

export function startHealthProbe(now: () => number = () => performance.now()): HealthProbe {
  const eld = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  eld.enable();
  const events = new RateCounter();
  let windowStart = now();
  let lastLag: number | null = null;

  const lagMs = (): number | null => {
    if (eld.count > 0) lastLag = Math.max(0, eld.percentile(99) / 1e6 - RESOLUTION_MS);
    if (now() - windowStart >= WINDOW_MS) { eld.reset(); windowStart = now(); }
    return lastLag;
  };
  const eventsPerSec = () => events.perSec(now());
  return {
    countEvent: () => events.add(1, now()),
    lagMs,
    eventsPerSec,
    stamp: (h) => ({ ...h, mainLoopLagMs: lagMs(), ipcEventsPerSec: eventsPerSec() }),
    close: () => eld.disable(),
  };
}
