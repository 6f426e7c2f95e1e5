// A real redis-server of the tests' own on a free loopback port (src-main/cli/local-redis.ts); a missing
// redis-server is an error here, not a skip: .ci/run installs it.
import { startLocalRedis, type LocalRedis } from '../../src-main/cli/local-redis.ts';

export type TestRedis = LocalRedis;

export async function startRedis(): Promise<TestRedis> {
  const r = await startLocalRedis();
  if (!r) throw new Error('redis-server is not installed: apt-get install -y redis-server');
  return r;
}
