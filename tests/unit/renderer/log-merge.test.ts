import { describe, expect, it } from 'vitest';
import { notYetIn } from '../../../src-renderer/lib/log-merge.ts';
import type { LogRecord } from '../../../src-shared/ipc.ts';

const rec = (time: number, msg: string): LogRecord => ({ time, level: 'info', component: 'engine', msg });

describe('notYetIn (log.appended after a logs.tail answer)', () => {
  it('drops records the list already holds and keeps the newer ones', () => {
    const list = [rec(1, 'a'), rec(2, 'b'), rec(3, 'c')];
    // an event batched before the answer but delivered after it repeats b and c
    expect(notYetIn(list, [rec(2, 'b'), rec(3, 'c'), rec(4, 'd')])).toEqual([rec(4, 'd')]);
  });

  it('at the last record\'s time, keeps what differs and drops what is the same', () => {
    const list = [rec(1, 'a'), rec(3, 'c')];
    expect(notYetIn(list, [rec(3, 'c'), rec(3, 'c2')])).toEqual([rec(3, 'c2')]);
  });

  it('an empty list takes everything', () => {
    expect(notYetIn([], [rec(1, 'a')])).toEqual([rec(1, 'a')]);
  });
});
