// Alert rules, evaluated on each health tick against thresholds from config (`alerts` section):
//   latency:decision    p99 of the `decision` stage over alerts.decision_latency_ms       → warning
//                       (dormant until that stage exists: the indicator stage legitimately
//                       takes several ms per 30m bar and is not held to the decision budget)
//   memory-growth       RSS growth since the engine was ready (after its start-up import) over
//                       alerts.memory_growth_mb                                          → warning
//   error-rate:<stage>  errors / processed over the last 30–60 s above alerts.error_rate → warning
//   failed:<stage>      a stage whose breaker is open                                   → critical
// A <stage> is any component: a whole stage (`indicators.30m`) or one indicator of it
// (`indicators.30m.lvn`), so an alert names the indicator that fails.
// An alert is raised once (stored, emitted) and cleared when its condition is no longer true
// (cleared_at stored, emitted). Alerts a previous run left raised are adopted and cleared on the
// first tick where their condition does not hold.
import type { Alert, Health } from '../../../src-shared/ipc.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { WriteDb } from '../../store/db.ts';
import { clearAlert, insertAlert, raisedAlerts } from '../../store/alerts.ts';

export type AlertThresholds = Config['alerts'];

interface Condition { key: string; severity: Alert['severity']; message: string; value: number | null; threshold: number | null }

export interface AlertSink {
  raised(a: Alert): void;
  cleared(a: Alert): void;
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

/** A health snapshot (without alerts) plus each stage's error rate over the last 30–60 s. */
export interface HealthSample {
  health: Omit<Health, 'alerts'>;
  errorRates: Readonly<Record<string, number>>;
}

/** The conditions that hold for a sample (pure: no store, no clock). */
export function conditions(sample: HealthSample, t: AlertThresholds): Condition[] {
  const h = sample.health;
  const out: Condition[] = [];
  const byName = new Map(h.stages.map((s) => [s.name, s]));
  const latencyStage = byName.get('decision');
  if (latencyStage && latencyStage.processed > 0 && latencyStage.p99Ms > t.decision_latency_ms) {
    out.push({
      key: `latency:${latencyStage.name}`, severity: 'warning', value: round(latencyStage.p99Ms), threshold: t.decision_latency_ms,
      message: `${latencyStage.name} p99 latency ${latencyStage.p99Ms.toFixed(1)} ms is over ${t.decision_latency_ms} ms`,
    });
  }
  if (h.process.rssGrowthMb > t.memory_growth_mb) {
    out.push({
      key: 'memory-growth', severity: 'warning', value: round(h.process.rssGrowthMb, 1), threshold: t.memory_growth_mb,
      message: `memory (RSS) grew ${h.process.rssGrowthMb.toFixed(1)} MB since start, over ${t.memory_growth_mb} MB`,
    });
  }
  for (const s of h.stages) {
    const rate = sample.errorRates[s.name] ?? 0;
    if (rate > t.error_rate) {
      out.push({
        key: `error-rate:${s.name}`, severity: 'warning', value: round(rate, 6), threshold: t.error_rate,
        message: `${s.name} error rate ${(rate * 100).toFixed(2)} % is over ${(t.error_rate * 100).toFixed(2)} %${s.lastError ? ` (last: ${s.lastError})` : ''}`,
      });
    }
    if (s.fallback) {
      out.push({
        key: `fallback:${s.name}`, severity: 'warning', value: null, threshold: null,
        message: `${s.name} degraded: ${s.fallback}`,
      });
    }
    if (s.status === 'failed') {
      out.push({
        key: `failed:${s.name}`, severity: 'critical', value: null, threshold: null,
        message: `${s.name} failed: its circuit breaker is open, the pipeline runs without it${s.lastError ? ` (last error: ${s.lastError})` : ''}`,
      });
    }
  }
  return out;
}

export class AlertBook {
  readonly #db: WriteDb;
  readonly #sink: AlertSink;
  /** raised alerts by key */
  readonly #raised = new Map<string, Alert>();

  constructor(db: WriteDb, sink: AlertSink) {
    this.#db = db;
    this.#sink = sink;
    for (const a of raisedAlerts(db)) this.#raised.set(a.key, a);
  }

  /** Currently raised, oldest first. */
  get raised(): Alert[] { return [...this.#raised.values()]; }

  /** Raise what newly holds, clear what no longer does. `now`: wall ms. */
  evaluate(sample: HealthSample, t: AlertThresholds, now: number): void {
    const holding = conditions(sample, t);
    const keys = new Set(holding.map((c) => c.key));
    for (const [key, a] of this.#raised) {
      if (keys.has(key)) continue;
      this.#raised.delete(key);
      const cleared = clearAlert(this.#db, a.id, now);
      if (cleared) this.#sink.cleared(cleared);
    }
    for (const c of holding) {
      if (this.#raised.has(c.key)) continue;
      const a = insertAlert(this.#db, { ...c, raisedAt: now });
      this.#raised.set(c.key, a);
      this.#sink.raised(a);
    }
  }
}
