import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { onnx as OnnxNs } from 'onnx-proto';
import { FEATURE_SCHEMA, featureSchemaHash } from '../../../../src-main/engine/features/schema.ts';
import { logisticModelBytes } from '../../../../src-main/engine/decision/onnx-writer.ts';
import { readMetadataProps } from '../../../../src-main/engine/decision/onnx-metadata.ts';
import { tinyLogisticSpec } from '../../../../src-main/engine/decision/tiny-model.ts';

const { onnx } = createRequire(import.meta.url)('onnx-proto') as { onnx: typeof OnnxNs };

describe('logisticModelBytes', () => {
  const bytes = logisticModelBytes(tinyLogisticSpec());
  const model = onnx.ModelProto.decode(bytes);

  it('writes IR 8, opset 13, the three named float32 inputs and output p [1,1]', () => {
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 13]]);
    const dims = (v: OnnxNs.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue));
    expect(model.graph!.input!.map((v) => [v.name, v.type!.tensorType!.elemType, dims(v)])).toEqual([
      ['structure_30m', 1, [1, 48, 8]],
      ['tactical_5m', 1, [1, 60, 7]],
      ['regime_30m', 1, [1, 96, 26]],
    ]);
    expect(model.graph!.output!.map((v) => [v.name, dims(v)])).toEqual([['p', [1, 1]]]);
    expect(model.graph!.node!.map((n) => n.opType)).toEqual([
      'Flatten', 'MatMul', 'Flatten', 'MatMul', 'Flatten', 'MatMul', 'Sum', 'Sigmoid',
    ]);
  });

  it('records the schema hash, kind and creator; our reader agrees with onnx-proto', () => {
    const props = Object.fromEntries(model.metadataProps.map((e) => [e.key, e.value]));
    expect(props).toEqual({ feature_schema_hash: featureSchemaHash(), model_kind: 'logistic', created_by: 'algospace' });
    expect(Object.fromEntries(readMetadataProps(bytes)!)).toEqual(props);
  });

  it('rejects weights that do not fit an input', () => {
    const spec = tinyLogisticSpec();
    expect(() => logisticModelBytes({ ...spec, weights: { ...spec.weights, tactical_5m: new Float32Array(3) } }))
      .toThrow(/tactical_5m.*420 weights, got 3/);
    const { regime_30m: _, ...two } = spec.weights;
    expect(() => logisticModelBytes({ ...spec, weights: two })).toThrow(/no weights for input 'regime_30m'/);
    expect(FEATURE_SCHEMA).toHaveLength(3);
  });
});

describe('readMetadataProps', () => {
  it('returns null for bytes that are not a protobuf message, and {} for an empty one', () => {
    expect(readMetadataProps(Uint8Array.of(0xff, 0xff, 0xff))).toBeNull();
    expect(readMetadataProps(logisticModelBytes(tinyLogisticSpec()).subarray(0, 50))).toBeNull();
    expect(readMetadataProps(new Uint8Array(0))!.size).toBe(0);
  });
});
