// A redis-server of our own on a free loopback port, nothing saved to disk, stopped by its owner: the
// bench's BullMQ row and the queue tests use it. The OS package (apt-get install redis-server; .ci/run
// installs it) must be on PATH; without it the caller is told (null).
import { spawn, spawnSync } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

export interface LocalRedis { url: string; port: number; stop(): Promise<void> }

export async function startLocalRedis(): Promise<LocalRedis | null> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return null;
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const stop = () => new Promise<void>((done) => {
    if (proc.exitCode !== null) return done();
    proc.once('exit', () => done());
    proc.kill('SIGTERM');
  });
  for (let i = 0; i < 100; i++) {
    if (await ping(port)) return { url: `redis://127.0.0.1:${port}`, port, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`redis-server did not answer on 127.0.0.1:${port}`);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    }).on('error', fail);
  });
}

/** Answers PING (a bare TCP accept is not enough: redis may still be loading). */
function ping(port: number): Promise<boolean> {
  return new Promise((done) => {
    const c = createConnection({ host: '127.0.0.1', port }, () => c.write('PING\r\n'));
    c.on('data', (d) => { c.destroy(); done(d.toString().startsWith('+PONG')); });
    c.on('error', () => done(false));
  });
}
