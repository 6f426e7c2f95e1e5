// Read once from package.json (repo root is two levels up both from src-main/engine and out/main).
import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch { /* try the next */ }
  }
  return '0.0.0';
}

export const APP_VERSION = readVersion();
