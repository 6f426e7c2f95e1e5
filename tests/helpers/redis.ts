// A real redis-server of the tests' own, on a free loopback port, nothing saved to disk; stopped after.
// The OS package (apt-get install redis-server; .ci/run installs it) must be on PATH.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, createConnection } from 'node:net';

export interface TestRedis { url: string; port: number; stop(): Promise<void> }

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    }).on('error', fail);
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((done) => {
    const c = createConnection({ host: '127.0.0.1', port }, () => c.write('PING\r\n'));
    c.on('data', (d) => { c.destroy(); done(d.toString().startsWith('+PONG')); });
    c.on('error', () => done(false));
  });
}

export async function startRedis(): Promise<TestRedis> {
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('redis-server is not installed: apt-get install -y redis-server');
  const port = await freePort();
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await ping(port)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await ping(port))) { proc.kill('SIGKILL'); throw new Error(`redis-server did not answer on 127.0.0.1:${port}`); }
  return {
    url: `redis://127.0.0.1:${port}`, port,
    stop: () => new Promise<void>((done) => {
      if (proc.exitCode !== null) return done();
      proc.once('exit', () => done());
      proc.kill('SIGTERM');
    }),
  };
}
