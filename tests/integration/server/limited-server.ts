// A browser-mode server with small connection limits, run as its own process by neighbours.test.ts
// (so the flood's sockets and the server's descriptors are not in one process). argv: dir, limits JSON.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../../src-main/server/server.ts';

const [dir, limits] = process.argv.slice(2) as [string, string];
const running = await startServer({
  port: 0, dbPath: join(dir, 'n.db'), sampleDir: join(dir, 'no-samples'), rendererDir: join(dir, 'r'),
  workerUrl: fileURLToPath(new URL('../../../src-main/engine/worker.ts', import.meta.url)), limits: JSON.parse(limits), log: () => {},
});
process.stdout.write(`${running.port} ${running.token}\n`);
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
