// Same data + config + model ⇒ identical decision stream: two runs into two databases, compared by
// the CLI's decision_stream_sha256 and by the stored rows; the ONNX model path really decides.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { dataFile } from '../../helpers/data.ts';
import { logisticModelBytes } from '../../../src-main/engine/decision/onnx-writer.ts';
import { tinyLogisticSpec } from '../../../src-main/engine/decision/tiny-model.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const FILE = dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'algospace-det-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(db: string, model: string) {
  const r = spawnSync(process.execPath, [CLI, 'replay', FILE, '--timeframe', '5m', '--profile', 'active', '--db', db, '--auto-approve', '--model', model], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim()) as Record<string, unknown>;
}

describe('decision stream determinism', () => {
  it('two runs with the same model give the same stream hash and rows; the model path decides', () => {
    const model = join(dir, 'tiny.onnx');
    writeFileSync(model, logisticModelBytes(tinyLogisticSpec()));
    const a = run(join(dir, 'a.db'), model);
    const b = run(join(dir, 'b.db'), model);
    expect(a.decision_stream_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toEqual(a);
    const rows = (p: string) => {
      const db = new Database(p, { readonly: true });
      try { return db.prepare('SELECT t, pattern, direction, path, p, accepted, reason FROM synergies ORDER BY t').all() as { path: string; p: number }[]; } finally { db.close(); }
    };
    const ra = rows(join(dir, 'a.db'));
    expect(rows(join(dir, 'b.db'))).toEqual(ra);
    const byModel = ra.filter((r) => r.path === 'model');
    expect(byModel.length).toBeGreaterThan(0);
    for (const r of byModel) expect(r.p).toBeGreaterThan(0);

    // and the rule path (no model) is a different, also deterministic stream
    const c = run(join(dir, 'c.db'), 'none');
    expect(c.decision_stream_sha256).not.toBe(a.decision_stream_sha256);
    expect(c.synergies).toBe(a.synergies);
  }, 120_000);
});
