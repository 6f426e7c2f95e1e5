// Thread of read-ahead.ts, kept for request after request: a request names files (path and options);
// the thread opens each in turn, runs its reader's chunks and posts each one (its typed arrays moved,
// not copied) with the file's index, the reader's stats and the problems found since the last post, so
// the next file is being read while the consumer still works on the previous one. It stays at most a
// few chunks ahead: credits[0] counts the chunks it may still post (it sleeps in Atomics.wait when none
// is left, credits[2] = 1 meanwhile), and credits[1] set means the consumer stopped listening.
import { parentPort } from 'node:worker_threads';
import { openFeed } from './index.ts';
import type { FeedChunk, OpenOptions } from './types.ts';

interface Request { files: { path: string; opts: OpenOptions }[]; credits: Int32Array }
const port = parentPort!;

function buffers(c: FeedChunk): ArrayBuffer[] {
  const arrays = c.kind === 'ticks' ? [c.t, c.price, c.size, c.volOnly] : [c.t, c.o, c.h, c.l, c.c, c.v];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** false: the consumer stopped listening */
function stream(file: number, path: string, opts: OpenOptions, credits: Int32Array): boolean {
  const r = openFeed(path, opts);
  if (!r.ok) throw new Error(r.problem.message);
  const { stats, problems } = r.value;
  let sent = 0;
  for (const c of r.value.chunks()) {
    if (Atomics.load(credits, 0) <= 0) {
      Atomics.store(credits, 2, 1); // parked: this core is spare until the consumer takes a chunk
      while (Atomics.load(credits, 0) <= 0 && Atomics.load(credits, 1) === 0) Atomics.wait(credits, 0, 0, 1000);
      Atomics.store(credits, 2, 0);
    }
    if (Atomics.load(credits, 1) !== 0) return false;
    Atomics.sub(credits, 0, 1);
    port.postMessage({ file, chunk: c, stats, problems: problems.length > sent ? problems.slice(sent) : null }, buffers(c));
    sent = problems.length;
  }
  port.postMessage({ file, fileEnd: true, stats, problems: problems.slice(sent) });
  return true;
}

port.on('message', ({ files, credits }: Request) => {
  let file = 0;
  try {
    for (; file < files.length && Atomics.load(credits, 1) === 0; file++) if (!stream(file, files[file]!.path, files[file]!.opts, credits)) break;
    port.postMessage({ end: true });
  } catch (err) {
    port.postMessage({ file, error: (err as Error).message });
  }
});
