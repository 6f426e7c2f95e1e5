// `replay` and its decision model, as a trader runs it: the default model's SHA-256 is named on
// stderr and recorded on every model-path synergy; an explicitly given model that fails a check
// (here: a bit-flipped copy beside its card) stops the replay with exit 2 before anything is stored,
// while a broken default model still leaves the rule path, saying why. The active profile: SPEC's
// synergy settings find no synergy in this NQ sample.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { cardPathFor, sha256Hex } from '../../../src-main/engine/decision/model-card.ts';
import { dataFile } from '../../helpers/data.ts';
import { flipWeightBit } from '../../unit/engine/decision/helpers.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const SHIPPED = resolve(import.meta.dirname, '../../../models/decision.onnx');
const FILE = dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');

let dir: string;
let flipped: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-cli-model-'));
  flipped = join(dir, 'decision.onnx');
  writeFileSync(flipped, flipWeightBit(readFileSync(SHIPPED)).flipped);
  copyFileSync(cardPathFor(SHIPPED), cardPathFor(flipped));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const replay = (db: string, extra: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, 'replay', FILE, '--timeframe', '5m', '--profile', 'active', '--db', db, '--auto-approve', ...extra],
    { encoding: 'utf8', env: { ...process.env, ALGOSPACE_MODEL: '', ...env } });

describe('replay --model', () => {
  it('the default model: stderr names it with its sha256; every model-path synergy records that sha256', () => {
    const db = join(dir, 'default.db');
    const r = replay(db, []);
    expect(r.status, r.stderr).toBe(0);
    const sha = sha256Hex(readFileSync(SHIPPED));
    expect(r.stderr).toContain(`replay: decision model ${SHIPPED} (sha256 ${sha.slice(0, 12)}…, matches its card)`);
    const rows = new Database(db, { readonly: true }).prepare('SELECT path, model_sha256 FROM synergies').all() as { path: string; model_sha256: string | null }[];
    expect(rows.filter((x) => x.path === 'model').length).toBeGreaterThan(0);
    for (const x of rows) expect(x.model_sha256).toBe(x.path === 'model' ? sha : null);
  }, 180_000);

  it('an explicit model that fails a check exits 2 with the problem, before anything is stored', () => {
    const db = join(dir, 'flipped.db');
    const r = replay(db, ['--model', flipped]);
    expect(r.status).toBe(2);
    const sha = sha256Hex(readFileSync(SHIPPED));
    expect(r.stderr).toContain(`replay: --model ${flipped}: model_checksum: ${flipped}: sha256: decision model decision.onnx does not match its card`);
    expect(r.stderr).toContain(`(expected ${sha}, got ${sha256Hex(readFileSync(flipped))})`);
    expect(existsSync(db)).toBe(false);
    const missing = replay(db, ['--model', join(dir, 'nope.onnx')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--model .*nope\.onnx: model_missing: /);
  }, 60_000);

  it('a broken default model (ALGOSPACE_MODEL) leaves the rule path, as before', () => {
    const db = join(dir, 'rule.db');
    const r = replay(db, [], { ALGOSPACE_MODEL: flipped });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/replay: decision model: .*does not match its card.*; using the rule path\n/);
    const paths = new Database(db, { readonly: true }).prepare('SELECT DISTINCT path FROM synergies').all() as { path: string }[];
    expect(paths.map((p) => p.path)).toEqual(['rule']);
  }, 180_000);
});
