// POST /upload?name=<file name>: the browser cannot hand the engine a path, so the file's bytes
// are streamed to a private temp dir and the engine is then told that path (import.start).
// Each upload gets its own directory so the original file name (which importers read, e.g. a
// symbol) survives without clashing.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_CONFIG, mib } from '../../src-shared/config.ts';

/** one upload without a config: limits.max_upload_mb's default (upload-limits.ts reads the config) */
export const MAX_UPLOAD_BYTES = mib(DEFAULT_CONFIG.limits.max_upload_mb);
/** all uploads of one server session together (they stay until the server stops): limits.upload_quota_mb's default */
export const UPLOAD_QUOTA_BYTES = mib(DEFAULT_CONFIG.limits.upload_quota_mb);

/** Bytes this session's uploads hold, against its quota. */
export interface UploadQuota { used: number; max: number }

/** The last path segment, only safe characters, no leading dots, at most 200 characters. */
export function sanitiseFileName(name: string | null): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^A-Za-z0-9._\- ()+=,@]/g, '_').replace(/^[.\s]+/, '').trim().slice(-200);
  return clean || 'upload.bin';
}

const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * One directory per server session under os.tmpdir()/algospace-uploads/, removed on close. Its name
 * holds the server's pid: a session whose server is gone (killed) is swept at the next start; one whose
 * pid cannot be told (older names, a pid reused) once it is a day old.
 */
export async function createUploadRoot(base = join(tmpdir(), 'algospace-uploads')): Promise<string> {
  await mkdir(base, { recursive: true, mode: 0o700 });
  const now = Date.now();
  for (const name of await readdir(base).catch(() => [] as string[])) {
    if (!name.startsWith('session-')) continue;
    const dir = join(base, name);
    const pid = /^session-(\d+)-/.exec(name)?.[1];
    const s = await stat(dir).catch(() => null);
    if ((pid !== undefined && !alive(Number(pid))) || (s && now - s.mtimeMs > STALE_MS)) await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
  return mkdtemp(join(base, `session-${process.pid}-`));
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's live process
  }
}

class TooLarge extends Error {}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

export async function handleUpload(uploadRoot: string, req: IncomingMessage, res: ServerResponse, url: URL, fileLimit = MAX_UPLOAD_BYTES,
  quota: UploadQuota = { used: 0, max: Infinity }): Promise<void> {
  const left = quota.max - quota.used;
  const limit = Math.min(fileLimit, left);
  const tooLarge = () => (limit < fileLimit || quota.used > quota.max
    ? `this session's uploads are at their quota (${quota.used} of ${quota.max} bytes, limits.upload_quota_mb): restart browser mode to clear them`
    : `file too large (limit ${fileLimit} bytes, limits.max_upload_mb)`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if ((Number.isFinite(declared) && declared > limit) || left <= 0) {
    res.setHeader('Connection', 'close'); // do not wait for (or read) the body we refuse
    json(res, 413, { error: tooLarge() });
    return;
  }
  const dir = await mkdtemp(join(uploadRoot, 'u-'));
  const file = join(dir, sanitiseFileName(url.searchParams.get('name')));
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      quota.used += chunk.length; // reserved as it arrives: two uploads at once cannot both pass the quota
      done(bytes > limit || quota.used > quota.max ? new TooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    const why = tooLarge(); // before the bytes are given back: was it the file or the quota
    quota.used -= bytes;
    await rm(dir, { recursive: true, force: true });
    // pipeline() destroyed the request, so usually nobody is left to read this; try anyway.
    if (!res.headersSent && res.writable) {
      res.setHeader('Connection', 'close');
      json(res, e instanceof TooLarge ? 413 : 400, { error: e instanceof TooLarge ? why : 'upload failed' });
    }
    return;
  }
  json(res, 200, { path: file });
}
