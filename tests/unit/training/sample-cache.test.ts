// The cache keeps the model's features; matrices rebuilt from them give the same logit. Type-only
// imports do not count as code the cache depends on.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src-main/engine/indicators/prng.ts';
import { FEATURE_SCHEMA } from '../../../src-main/engine/features/schema.ts';
import type { DecisionMatrices } from '../../../src-main/engine/decision/model.ts';
import { fullLogit, newestRow, placeNewestRow } from '../../../src-main/engine/training/features.ts';
import { sparseMatrices } from '../../../src-main/engine/training/sample-cache.ts';
import { relativeImports } from '../../../src-main/engine/training/code-hash.ts';

describe('sample cache', () => {
  it('sparse matrices hold the newest rows exactly, and a newest-row model reads the same logit', () => {
    const u = mulberry32(3);
    const m: Record<string, Float32Array> = {};
    for (const s of FEATURE_SCHEMA) m[s.name] = Float32Array.from({ length: s.rows * s.features.length }, () => 2 * u() - 1);
    const x = newestRow(m as DecisionMatrices);
    expect(newestRow(sparseMatrices(x))).toEqual(x);
    const w = placeNewestRow(Float64Array.from({ length: 41 }, () => u() - 0.5));
    expect(fullLogit(sparseMatrices(x), w, 0.1)).toBe(fullLogit(m as DecisionMatrices, w, 0.1));
  });
  it('code hash follows value imports only', () => {
    const src = "import type { A } from './a.ts';\nimport { b } from '../b.ts';\nexport { c } from './c.ts';\nexport type { D } from './d.ts';\nimport x from 'node:fs';";
    expect(relativeImports(src)).toEqual(['../b.ts', './c.ts']);
  });
});
