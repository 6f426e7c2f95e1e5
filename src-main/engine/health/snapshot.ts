// Assembles the `Health` structure of the contract: the components' snapshots, process memory,
// DB and WAL sizes. The engine, the CLI and tests share it, so `health.get`, `health.changed` and
// `npm run cli -- health` return the same shape. Main-loop lag and IPC events/s are measured by
// the transport (src-main/server/health-probe.ts); here they are null and 0.
import { statSync } from 'node:fs';
import type { Alert, Health } from '../../../src-shared/ipc.ts';
import { dbSizeBytes, type Db } from '../../store/db.ts';
import type { Metrics } from './metrics.ts';
import type { HealthSample } from './alerts.ts';

const MB = 1024 * 1024;

export function processMemory(rssAtStart: number): Health['process'] {
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / MB, rssMb: m.rss / MB, rssGrowthMb: (m.rss - rssAtStart) / MB };
}

/** Main file size (pages in use) and the WAL file's size on disk (0 when absent or in memory). */
export function storeSizes(db: Db, dbPath: string): { dbBytes: number; walBytes: number } {
  let walBytes = 0;
  if (dbPath !== ':memory:') {
    try { walBytes = statSync(`${dbPath}-wal`).size; } catch { /* no WAL yet */ }
  }
  return { dbBytes: dbSizeBytes(db), walBytes };
}

export interface SampleInput {
  metrics: Metrics;
  db: Db;
  dbPath: string;
  rssAtStart: number;
  /** wall ms */
  at: number;
}

export function sampleHealth(i: SampleInput): HealthSample {
  const t = i.metrics.now();
  const errorRates: Record<string, number> = {};
  for (const c of i.metrics.list()) errorRates[c.name] = c.errorRate(t);
  return {
    health: {
      at: i.at,
      stages: i.metrics.snapshot(t),
      process: processMemory(i.rssAtStart),
      mainLoopLagMs: null,
      ...storeSizes(i.db, i.dbPath),
      ipcEventsPerSec: 0,
    },
    errorRates,
  };
}

export function toHealth(sample: HealthSample, alerts: readonly Alert[]): Health {
  return { ...sample.health, alerts: [...alerts] };
}
