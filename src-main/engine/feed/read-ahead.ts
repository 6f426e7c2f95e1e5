// Readers' chunks parsed on a worker thread while the caller works on the previous ones: inflating and
// parsing a tick file is about a third of a replay with indicators, and a second core can do it
// meanwhile, the next file included. Same chunks, same order, same stats and problems (each reader's
// objects are kept up to date as its chunks arrive); where no thread can start, the readers' own chunks
// run here instead.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FeedChunk, FeedReader, OpenOptions } from './types.ts';
import { claimCore } from '../cores.ts';

/** chunks parsed ahead of the consumer (65,536 rows each by default: a few MB) */
const DEPTH = 8;

type Stats = FeedReader['stats'];
type Message =
  | { file: number; chunk: FeedChunk; stats: Stats; problems: FeedReader['problems'] | null }
  | { file: number; fileEnd: true; stats: Stats; problems: FeedReader['problems'] }
  | { end: true }
  | { file?: number; error: string }
  /** the thread itself failed (not the file) */
  | { error: string; died: true };

interface Thread {
  w: Worker;
  onMessage: ((m: Message) => void) | null;
  failure: Error | null;
}
/** threads not streaming now, kept for the next request (a thread's start costs a few hundred ms) */
const idle: Thread[] = [];
/** reading threads started so far (tests check that the thread path ran) */
export let threadsStarted = 0;

/** A reader and the options it was opened with: the thread opens the same file the same way. */
export interface AheadSource { reader: FeedReader; opts?: OpenOptions }

/** The chunks of `reader` (opened with `opts`), parsed a few chunks ahead on another thread. */
export async function* chunksAhead(reader: FeedReader, opts: OpenOptions = {}): AsyncGenerator<FeedChunk> {
  for await (const [, c] of chunksAheadAll([{ reader, opts }])) yield c;
}

/**
 * The chunks of every source in turn, each with its source's index, parsed a few chunks ahead on
 * another thread. ALGOSPACE_READ_AHEAD=0, or a single core, reads them on this thread.
 */
export async function* chunksAheadAll(sources: readonly AheadSource[]): AsyncGenerator<[number, FeedChunk]> {
  const th = process.env.ALGOSPACE_READ_AHEAD === '0' || availableParallelism() < 2 ? null : idle.pop() ?? startThread();
  if (!th || !(yield* ahead(th, sources))) {
    for (let i = 0; i < sources.length; i++) for (const c of sources[i]!.reader.chunks()) yield [i, c];
  }
}

/**
 * The sources' chunks from thread `th`; false when the thread died before it sent anything (it could
 * not load, say): the caller reads here instead, and a warning on stderr says so.
 */
async function* ahead(th: Thread, sources: readonly AheadSource[]): AsyncGenerator<[number, FeedChunk], boolean> {
  const credits = new Int32Array(new SharedArrayBuffer(12));
  credits[0] = DEPTH;
  // the thread parses flat out until the files end or the consumer leaves, but for the spells it waits
  // far enough ahead (credits[2] = 1)
  const giveBack = claimCore(() => Atomics.load(credits, 2) === 1);
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  let ended = false, heard = false;
  th.onMessage = (m) => { queue.push(m); wake?.(); };
  th.w.ref();
  th.w.postMessage({ files: sources.map((s) => ({ path: s.reader.info.path, opts: s.opts ?? {} })), credits });
  for (const { reader } of sources) {
    reader.stats.rowsRead = reader.stats.rowsRejected = reader.stats.bytesRead = reader.stats.duplicateBlocks = 0;
    reader.problems.length = 0;
  }
  try {
    for (;;) {
      while (queue.length === 0) {
        await new Promise<void>((r) => { wake = r; });
        wake = null;
      }
      const m = queue.shift()!;
      if ('died' in m && !heard) {
        ended = true;
        process.emitWarning(`reading ahead failed (${m.error}); reading on the main thread`);
        return false;
      }
      heard = true;
      if ('end' in m) { ended = true; return true; }
      if ('error' in m) { ended = true; throw new Error(m.error); }
      const reader = sources[m.file]!.reader;
      Object.assign(reader.stats, m.stats);
      if (m.problems) reader.problems.push(...m.problems);
      if ('fileEnd' in m) continue;
      Atomics.add(credits, 0, 1);
      Atomics.notify(credits, 0);
      yield [m.file, m.chunk];
    }
  } finally {
    giveBack();
    release(th, credits, ended);
  }
}

/** Back to the idle threads once its request has ended; a consumer that left early stops the request first. */
function release(th: Thread, credits: Int32Array, ended: boolean): void {
  const done = () => { th.onMessage = null; th.w.unref(); if (!th.failure) idle.push(th); };
  if (ended || th.failure) { done(); return; }
  Atomics.store(credits, 1, 1);
  Atomics.notify(credits, 0);
  th.onMessage = (m) => { if ('end' in m || 'error' in m) done(); }; // chunks posted meanwhile are dropped
}

function startThread(): Thread | null {
  try {
    // Built (out/main/*.js) or run from source (*.ts): the thread's module sits beside this one.
    const file = import.meta.url.endsWith('.ts') ? './read-ahead-worker.ts' : './read-ahead-worker.js';
    const th: Thread = { w: new Worker(new URL(file, import.meta.url)), onMessage: null, failure: null };
    threadsStarted++;
    th.w.on('message', (m: Message) => th.onMessage?.(m));
    // a dead thread wakes its consumer and leaves the idle list
    const died = (e: Error) => {
      th.failure ??= e;
      idle.splice(0, idle.length, ...idle.filter((x) => x !== th));
      const on = th.onMessage;
      th.onMessage = null;
      on?.({ error: th.failure.message, died: true });
    };
    th.w.on('error', died);
    th.w.on('exit', () => died(new Error('the reading thread stopped')));
    return th;
  } catch {
    return null;
  }
}

/** Ends the idle reading threads (a later read starts a new one); for shutdown and tests. */
export async function stopReadAheadThreads(): Promise<void> {
  await Promise.all(idle.splice(0).map((th) => th.w.terminate()));
}
