// Issue 5 "decision model down → rule fallback" on a real engine: a corrupt model file, and a valid
// model that starts failing at inference. Either way the decision stage shows degraded with the
// reason, an alert is raised and stored, and synergies are still decided — by the rule, marked so.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../src-main/engine/engine.ts';
import { dataFile } from '../../helpers/data.ts';
import { logisticModelBytes } from '../../../src-main/engine/decision/onnx-writer.ts';
import { tinyLogisticSpec } from '../../../src-main/engine/decision/tiny-model.ts';

let dir: string;
let engine: Engine | null = null;
afterEach(() => {
  engine?.close();
  engine = null;
  rmSync(dir, { recursive: true, force: true });
});

async function setup(): Promise<Engine> {
  dir = mkdtempSync(join(tmpdir(), 'as-model-'));
  const samples = join(dir, 'samples');
  mkdirSync(samples);
  copyFileSync(dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), join(samples, 'NQ_1min_sample.csv'));
  const e = new Engine({ dbPath: join(dir, 'a.db'), sampleDir: samples, mode: 'browser', env: {}, emit: () => undefined });
  e.importSamples();
  const r = e.handle('trading.setProfile', { profile: 'active' });
  expect(r.ok).toBe(true);
  // replay straight through: no holding at synergies (nobody acts on them here)
  expect(e.handle('trading.setPauseOnDecision', { on: false }).ok).toBe(true);
  return e;
}

async function replayAll(e: Engine): Promise<void> {
  const inst = (e.handle('instruments.list', {}) as { ok: true; value: { symbol: string; bars: { first: number | null }[] }[] }).value[0]!;
  const first = Math.min(...inst.bars.map((b) => b.first ?? Infinity));
  e.handle('replay.load', { symbol: inst.symbol, from: first });
  e.handle('replay.setSpeed', { speed: 'max' });
  e.handle('replay.play', {});
  const end = Date.now() + 90_000;
  while (e.replayer.state.status !== 'ended') {
    if (Date.now() > end) throw new Error('replay did not end');
    await new Promise((r) => setTimeout(r, 20));
  }
  await e.trading.idle();
}

interface SynergyRow { path: string; reason: string; quality: number; threshold: number; accepted: number }
const synergyPaths = (e: Engine) => e.db.prepare('SELECT path, reason, quality, threshold, accepted FROM synergies').all() as SynergyRow[];

/** the rule path judges pattern quality against decision.rule_threshold (0.4 by default), never 0 */
function expectRuleVerdict(p: SynergyRow): void {
  expect(p.path).toBe('rule');
  expect(p.threshold).toBe(0.4);
  expect(p.accepted).toBe(p.quality >= 0.4 ? 1 : 0);
  expect(p.reason).toMatch(/\): pattern quality [\d.]+ (≥|<) threshold 0\.4 — (accepted|rejected)$/);
}

describe('decision model down → rule fallback, degraded, alert', () => {
  it('a corrupt model file: degraded from start-up, an alert, every synergy decided by the rule', async () => {
    engine = await setup();
    const bad = join(dir, 'decision.onnx');
    writeFileSync(bad, 'this is not an onnx model');
    await engine.trading.loadModel(bad);
    const h = engine.tickHealth();
    const stage = h.stages.find((s) => s.name === 'decision')!;
    expect(stage.status).toBe('degraded');
    expect(stage.fallback).toMatch(/model_corrupt/);
    expect(h.alerts.map((a) => a.key)).toContain('fallback:decision');
    expect(engine.trading.state().decision_path.problem).toMatch(/model_corrupt/);

    await replayAll(engine);
    const paths = synergyPaths(engine);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expectRuleVerdict(p);
      expect(p.reason).toMatch(/^rule path \(no model: model_corrupt: /);
    }
    // the alert is stored
    const stored = engine.db.prepare("SELECT COUNT(*) AS n FROM alerts WHERE key = 'fallback:decision'").get() as { n: number };
    expect(stored.n).toBe(1);
  }, 120_000);

  it('a valid model decides on the model path; when it starts failing, the rule takes over and health says so', async () => {
    engine = await setup();
    const good = join(dir, 'tiny.onnx');
    writeFileSync(good, logisticModelBytes(tinyLogisticSpec()));
    await engine.trading.loadModel(good);
    expect(engine.tickHealth().stages.find((s) => s.name === 'decision')!.status).not.toBe('degraded');

    engine.trading.breakModel('injected: runtime crashed');
    await replayAll(engine);
    const paths = synergyPaths(engine);
    expect(paths.length).toBeGreaterThan(0);
    // matrices need 96 30m bars of warm-up: synergies before that take the rule with 'matrices not ready'
    const failed = paths.filter((p) => p.reason.startsWith('rule path (model failed: injected: runtime crashed'));
    expect(failed.length).toBeGreaterThan(0);
    for (const p of paths) {
      expectRuleVerdict(p);
      expect(p.reason).toMatch(/^rule path \((model failed: injected: runtime crashed|matrices not ready for model tiny\.onnx)/);
    }
    const h = engine.tickHealth();
    const stage = h.stages.find((s) => s.name === 'decision')!;
    expect(stage.status).toBe('degraded');
    expect(stage.errors).toBe(failed.length);
    expect(stage.lastError).toMatch(/injected/);
    expect(h.alerts.map((a) => a.key)).toContain('fallback:decision');
  }, 120_000);
});
