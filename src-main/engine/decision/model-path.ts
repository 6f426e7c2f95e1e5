// Where the decision model lives: ALGOSPACE_MODEL, else models/decision.onnx beside the sample folder's
// parent (packaged: <resources>/models) or at the repo root (source: <repo>/resources/sample → <repo>/models).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const MODEL_FILE = 'decision.onnx';

export function defaultModelPath(sampleDir: string, env: Record<string, string | undefined> = process.env): string {
  if (env.ALGOSPACE_MODEL) return env.ALGOSPACE_MODEL;
  const candidates = [join(dirname(sampleDir), 'models', MODEL_FILE), join(dirname(dirname(sampleDir)), 'models', MODEL_FILE)];
  return candidates.find((p) => existsSync(p)) ?? candidates[candidates.length - 1]!;
}
