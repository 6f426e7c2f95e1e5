// A stand-in for a running app: `node live-child.ts <db> <runId|null>` records what a few stages did,
// heartbeats its health every 200 ms through LiveHealthRecorder, prints `ready <pid>` after the
// first heartbeat, and when its stdin closes stops the recorder (final record) and exits.
import { openDb, closeDb } from '../../../src-main/store/db.ts';
import { Metrics } from '../../../src-main/engine/health/metrics.ts';
import { sampleHealth, toHealth } from '../../../src-main/engine/health/snapshot.ts';
import { LiveHealthRecorder } from '../../../src-main/engine/health/recorder.ts';

const [dbPath, runArg] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: live-child.ts <db> [runId]');
const runId = runArg && runArg !== 'null' ? Number(runArg) : null;
const db = openDb(dbPath);
const metrics = new Metrics();
metrics.component('feed').observe(3, 7);
metrics.component('bars').observe(1, 7);
metrics.component('indicators.5m').observe(2);
const rssAtStart = process.memoryUsage().rss;
const recorder = new LiveHealthRecorder();
recorder.start(db, () => toHealth(sampleHealth({ metrics, db, dbPath, rssAtStart, at: Date.now() }), []), {
  everyMs: 200, runId: () => runId, source: 'app',
});
// keeps working between heartbeats, as an app does
const work = setInterval(() => metrics.component('feed').observe(1, 1), 50);
process.stdout.write(`ready ${process.pid}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  clearInterval(work);
  recorder.stop();
  closeDb(db);
  process.exit(0);
});
