import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FEATURE_SCHEMA, FEATURES_30M, FEATURES_5M, FEATURES_REGIME, featureSchema, featureSchemaHash,
} from '../../../../src-main/engine/features/schema.ts';
import { Matrix30mAssembler } from '../../../../src-main/engine/features/matrix-30m.ts';
import { Matrix5mAssembler } from '../../../../src-main/engine/features/matrix-5m.ts';
import { MatrixRegimeAssembler } from '../../../../src-main/engine/features/matrix-regime.ts';

describe('feature schema', () => {
  it('has SPEC §3 shapes: 48 × 8, 60 × 7, 96 × 26', () => {
    expect(FEATURE_SCHEMA.map((m) => [m.name, m.rows, m.features.length])).toEqual([
      ['structure_30m', 48, 8],
      ['tactical_5m', 60, 7],
      ['regime_30m', 96, 26],
    ]);
  });

  it('keeps SPEC column order at the anchors the tables name', () => {
    expect(FEATURES_30M[0]).toBe('mlmi_value');
    expect(FEATURES_30M[4]).toBe('lvn_distance_points');
    expect(FEATURES_30M[7]).toBe('time_hour_cos');
    expect(FEATURES_5M[2]).toBe('fvg_nearest_level');
    expect(FEATURES_5M[6]).toBe('fvg_gap_size_pct');
    expect(FEATURES_REGIME[13]).toBe('volume_ratio');
    expect(FEATURES_REGIME[18]).toBe('rsi14');
    expect(FEATURES_REGIME[21]).toBe('price_acceleration');
    expect(FEATURES_REGIME[22]).toBe('mmd_mean');
    expect(FEATURES_REGIME[25]).toBe('price_acceleration_30');
    for (const names of [FEATURES_30M, FEATURES_5M, FEATURES_REGIME]) expect(new Set(names).size).toBe(names.length);
  });

  it('the assemblers report the same schema', () => {
    expect([new Matrix30mAssembler().schema, new Matrix5mAssembler().schema, new MatrixRegimeAssembler().schema]).toEqual([...FEATURE_SCHEMA]);
    expect(new Matrix5mAssembler(12).schema.rows).toBe(12);
  });

  it('hashes the canonical JSON with sha256, stably, and changes with any shape or name', () => {
    const h = featureSchemaHash();
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(featureSchemaHash(featureSchema({}))).toBe(h);
    const json = JSON.stringify({
      version: 1,
      dtype: 'float32',
      matrices: [
        { name: 'structure_30m', rows: 48, features: [...FEATURES_30M] },
        { name: 'tactical_5m', rows: 60, features: [...FEATURES_5M] },
        { name: 'regime_30m', rows: 96, features: [...FEATURES_REGIME] },
      ],
    });
    expect(h).toBe(createHash('sha256').update(json).digest('hex'));
    expect(featureSchemaHash(featureSchema({ window_5m: 61 }))).not.toBe(h);
    const renamed = FEATURE_SCHEMA.map((m, i) => (i === 0 ? { ...m, features: [...m.features].reverse() } : m));
    expect(featureSchemaHash(renamed)).not.toBe(h);
  });
});
