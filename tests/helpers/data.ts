// Fixtures come from ../shared/data (beside the repo), never copied into tests.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const SHARED_DATA = process.env.ALGOSPACE_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data');

export function dataFile(rel: string): string {
  const p = join(SHARED_DATA, rel);
  if (!existsSync(p)) throw new Error(`fixture missing: ${p}`);
  return p;
}

/** Text of the only entry of a single-entry zip, decoded independently of the app's zip reader. */
export function unzipSingle(path: string): string {
  const zip = readFileSync(path);
  const nameLen = zip.readUInt16LE(26), extraLen = zip.readUInt16LE(28), csize = zip.readUInt32LE(18);
  const start = 30 + nameLen + extraLen;
  return inflateRawSync(zip.subarray(start, start + csize)).toString('utf8');
}
