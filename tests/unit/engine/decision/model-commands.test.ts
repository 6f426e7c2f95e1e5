// The path a trader types into "Load model…": pasted quotes and blanks dropped, ~ is the home folder,
// a relative path is made absolute (the panel then shows which file was meant).
import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { modelPathOf } from '../../../../src-main/engine/decision/model-commands.ts';

describe('modelPathOf', () => {
  it('trims, unquotes, expands ~/ and resolves', () => {
    expect(modelPathOf('  /m/decision.onnx ')).toBe('/m/decision.onnx');
    expect(modelPathOf('"/m/my model.onnx"')).toBe('/m/my model.onnx');
    expect(modelPathOf("'/m/x.onnx'")).toBe('/m/x.onnx');
    expect(modelPathOf('~/models/x.onnx')).toBe(join(homedir(), 'models/x.onnx'));
    expect(modelPathOf('models/x.onnx')).toBe(resolve('models/x.onnx'));
    // a quote on one side only is part of the name
    expect(modelPathOf('"/m/x.onnx')).toBe(resolve('"/m/x.onnx'));
  });
});
