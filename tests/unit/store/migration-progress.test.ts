// What a long migration prints (the CLI's and the server's stderr, the engine's log): nothing when it
// is quick, then at most a line a second with how far it is and the time left, and the time it took.
import { describe, expect, it } from 'vitest';
import { migrationLines } from '../../../src-main/store/migrations/progress.ts';

describe('migrationLines', () => {
  const run = (stepMs: number, total: number) => {
    const lines: string[] = [];
    let now = 0;
    const say = migrationLines((l) => lines.push(l), () => now);
    for (let done = 0; done <= total; done++) {
      say({ version: 160, name: 'bar-levels', done, total });
      now += stepMs;
    }
    return lines;
  };

  it('says nothing of a migration done within a second', () => {
    expect(run(10, 50)).toEqual([]); // 0.5 s in all
  });

  it('a long one: a line a second at most, with the share done and the time left, then the time it took', () => {
    const lines = run(300, 20); // 6 s in all
    expect(lines[0]).toBe('store: upgrading to version 160 (bar-levels): 20 % (4 of 20 steps, about 5 s left); the store opens once it is done');
    expect(lines.length).toBe(5); // at 1.2, 2.4, 3.6 and 4.8 s (one a second at most), and the end
    expect(lines.at(-1)).toBe('store: upgraded to version 160 (bar-levels) in 6.0 s');
  });
});
