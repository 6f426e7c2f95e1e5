// Build/train time only: writes a logistic decision model as ONNX bytes (IR 8, opset 13) with
// onnx-proto (a devDependency, protobufjs 6). Never import this from the engine: the runtime
// needs only onnxruntime-node (model.ts), and the packaged app does not ship onnx-proto.
//
// Graph, per input x_i [1, rows, features]: Flatten(axis 1) → [1, rows·features] → MatMul W_i
// [rows·features, 1] → z_i [1, 1]; Sum(z_…, bias [1, 1]) → Sigmoid → p [1, 1].
// Weights are row-major in the matrix() layout: oldest row first, features within a row.
import { createRequire } from 'node:module';
import type { onnx as OnnxNs } from 'onnx-proto';

// onnx-proto is CommonJS (`module.exports = $root`): Node's ESM loader sees no named `onnx`
// export, so load it through require, which works the same under Node and vitest.
const { onnx } = createRequire(import.meta.url)('onnx-proto') as { onnx: typeof OnnxNs };

export interface LogisticInput {
  readonly name: string;
  readonly rows: number;
  readonly features: readonly string[] | number;
}

export interface LogisticSpec {
  /** one vector of rows·features weights per input name */
  readonly weights: Readonly<Record<string, Float32Array>>;
  readonly bias: number;
  readonly featureSchemaHash: string;
  readonly inputs: readonly LogisticInput[];
  /** extra metadata_props (written after the three standard ones) */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** the name model.ts reads (its OUTPUT_NAME); not imported, so this file stays free of ORT */
export const OUTPUT_NAME = 'p';
const FLOAT = onnx.TensorProto.DataType.FLOAT;

export function featureCount(input: LogisticInput): number {
  return typeof input.features === 'number' ? input.features : input.features.length;
}

/** Serialised ModelProto. Throws on a spec that does not fit its inputs (a programmer error). */
export function logisticModelBytes(spec: LogisticSpec): Uint8Array {
  if (spec.inputs.length === 0) throw new Error('logisticModelBytes: no inputs');
  if (!Number.isFinite(spec.bias)) throw new Error(`logisticModelBytes: bias ${spec.bias} is not finite`);
  const nodes: OnnxNs.INodeProto[] = [];
  const initializers: OnnxNs.ITensorProto[] = [];
  const inputs: OnnxNs.IValueInfoProto[] = [];
  const terms: string[] = [];

  for (const input of spec.inputs) {
    const f = featureCount(input);
    const size = input.rows * f;
    const w = spec.weights[input.name];
    if (!w) throw new Error(`logisticModelBytes: no weights for input '${input.name}'`);
    if (w.length !== size) {
      throw new Error(`logisticModelBytes: '${input.name}' needs ${input.rows}×${f} = ${size} weights, got ${w.length}`);
    }
    inputs.push(valueInfo(input.name, [1, input.rows, f]));
    initializers.push(floatTensor(`${input.name}.w`, [size, 1], w));
    nodes.push({
      opType: 'Flatten', name: `${input.name}.flatten`, input: [input.name], output: [`${input.name}.flat`],
      attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
    });
    nodes.push({
      opType: 'MatMul', name: `${input.name}.matmul`, input: [`${input.name}.flat`, `${input.name}.w`], output: [`${input.name}.z`],
    });
    terms.push(`${input.name}.z`);
  }
  initializers.push(floatTensor('bias', [1, 1], Float32Array.of(spec.bias)));
  nodes.push({ opType: 'Sum', name: 'logit.sum', input: [...terms, 'bias'], output: ['logit'] });
  nodes.push({ opType: 'Sigmoid', name: 'sigmoid', input: ['logit'], output: [OUTPUT_NAME] });

  const meta: Record<string, string> = {
    feature_schema_hash: spec.featureSchemaHash,
    model_kind: 'logistic',
    created_by: 'algospace',
    ...spec.metadata,
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'algospace',
    graph: {
      name: 'algospace_logistic',
      node: nodes,
      initializer: initializers,
      input: inputs,
      output: [valueInfo(OUTPUT_NAME, [1, 1])],
    },
    metadataProps: Object.entries(meta).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}

function valueInfo(name: string, dims: readonly number[]): OnnxNs.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((dimValue) => ({ dimValue })) } } },
  };
}

/** raw_data is little-endian by the ONNX spec; DataView makes that hold on any host. */
function floatTensor(name: string, dims: readonly number[], values: Float32Array): OnnxNs.ITensorProto {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return { name, dims: [...dims], dataType: FLOAT, rawData: raw };
}
