// A pino destination (an object with `write(line)`) that appends to <dir>/logs/algospace.log with
// synchronous writes and rotates by size: algospace.log → algospace.1.log → algospace.2.log …
// Synchronous on purpose: a record is on disk when the call returns, so the last lines before a
// crash survive, and there is no worker thread (pino transports break in our bundled build).
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface RotationLimits {
  /** rotate when the next write would take the file past this size */
  maxFileMb: number;
  /** files kept in all, the active one included (1 = no history) */
  retainFiles: number;
}

const BASE = 'algospace';

export class RotatingFile {
  readonly dir: string;
  readonly path: string;
  #fd: number | null = null;
  #size = 0;
  #maxBytes: number;
  #retain: number;
  #checkedAt = 0;
  #recheckMs: number;
  #closed = false;
  /** the last I/O failure, kept so a broken disk does not throw into the caller on every record */
  lastError: string | null = null;

  /**
   * `userDataDir`: the folder that gets a `logs/` sub-folder. `recheckMs`: how often a write checks
   * that the file is still there (someone may delete the logs folder while we run).
   */
  constructor(userDataDir: string, limits: RotationLimits, recheckMs = 1000) {
    this.#recheckMs = recheckMs;
    this.dir = join(userDataDir, 'logs');
    this.path = join(this.dir, `${BASE}.log`);
    this.#maxBytes = toBytes(limits.maxFileMb);
    this.#retain = Math.max(1, Math.floor(limits.retainFiles));
    this.#open();
  }

  /** pino calls this with one serialised record ending in '\n'. Never throws. */
  write(line: string): void {
    if (this.#closed) return;
    try {
      const now = Date.now();
      if (this.#fd === null || now - this.#checkedAt >= this.#recheckMs) {
        this.#checkedAt = now;
        if (this.#fd === null || !existsSync(this.path)) this.#open();
      }
      const bytes = Buffer.byteLength(line);
      if (this.#size > 0 && this.#size + bytes > this.#maxBytes) this.#rotate();
      if (this.#fd === null) return;
      writeSync(this.#fd, line);
      this.#size += bytes;
    } catch (e) {
      this.lastError = (e as Error).message;
      this.#closeFd(); // reopened (and the folder recreated) on the next write
    }
  }

  /** Writes are synchronous: nothing is buffered. Present so pino's `fatal` and `flush` find it. */
  flushSync(): void {}
  flush(cb?: (err?: Error) => void): void { cb?.(); }

  /** New limits apply from the next write; a smaller retention drops the extra files now. */
  reconfigure(limits: RotationLimits): void {
    this.#maxBytes = toBytes(limits.maxFileMb);
    this.#retain = Math.max(1, Math.floor(limits.retainFiles));
    this.#prune();
  }

  /** The files that exist, newest first (the active one first). */
  files(): string[] {
    return listRotated(this.dir).map((n) => join(this.dir, n === 0 ? `${BASE}.log` : `${BASE}.${n}.log`));
  }

  /** Later writes are dropped (a record logged after shutdown must not reopen the file). */
  close(): void {
    this.#closed = true;
    this.#closeFd();
  }

  #open(): void {
    this.#closeFd();
    try {
      mkdirSync(this.dir, { recursive: true });
      this.#fd = openSync(this.path, 'a');
      this.#size = fstatSync(this.#fd).size;
      this.lastError = null;
    } catch (e) {
      this.lastError = (e as Error).message;
      this.#fd = null;
    }
  }

  #rotate(): void {
    this.#closeFd();
    let failed: string | null = null;
    try {
      // Shift from the oldest down so no rename overwrites a file still to be moved.
      for (let i = this.#retain - 1; i >= 1; i--) {
        const from = i === 1 ? this.path : join(this.dir, `${BASE}.${i - 1}.log`);
        if (existsSync(from)) renameSync(from, join(this.dir, `${BASE}.${i}.log`));
      }
      if (this.#retain === 1) rmSync(this.path, { force: true });
      this.#prune();
    } catch (e) {
      // Keep logging into the (oversized) file rather than retrying the rename on every record.
      failed = `rotation failed: ${(e as Error).message}`;
    }
    this.#open();
    if (failed !== null) {
      this.lastError = failed;
      this.#size = 0;
    }
  }

  /** Delete rotated files beyond the retention (also after `retain_files` was lowered). */
  #prune(): void {
    for (const n of listRotated(this.dir)) {
      if (n >= this.#retain) rmSync(join(this.dir, `${BASE}.${n}.log`), { force: true });
    }
  }

  #closeFd(): void {
    if (this.#fd === null) return;
    try { closeSync(this.#fd); } catch { /* already closed */ }
    this.#fd = null;
  }
}

function toBytes(mb: number): number {
  return Math.max(1, Math.floor(mb * 1024 * 1024));
}

/** Indices of the log files present: 0 = algospace.log, n = algospace.n.log; ascending. */
function listRotated(dir: string): number[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const out: number[] = [];
  for (const name of names) {
    if (name === `${BASE}.log`) out.push(0);
    const m = /^algospace\.(\d+)\.log$/.exec(name);
    if (m) out.push(Number(m[1]));
  }
  return out.sort((a, b) => a - b);
}
