import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordBatcher } from '../../../../src-main/engine/log/batch.ts';
import type { LogRecord } from '../../../../src-shared/ipc.ts';

const rec = (msg: string): LogRecord => ({ time: 0, level: 'info', component: 't', msg });
afterEach(() => { vi.useRealTimers(); });

describe('RecordBatcher', () => {
  it('emits at most one batch per interval, in order', () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const b = new RecordBatcher((rs) => batches.push(rs.map((r) => r.msg)), 250);
    b.push(rec('a'));
    b.push(rec('b'));
    vi.advanceTimersByTime(249);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([['a', 'b']]);
    b.push(rec('c'));
    vi.advanceTimersByTime(250);
    expect(batches).toEqual([['a', 'b'], ['c']]);
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(2); // nothing pending, nothing sent
  });

  it('a burst beyond the cap sends only the newest records', () => {
    vi.useFakeTimers();
    const batches: LogRecord[][] = [];
    const b = new RecordBatcher((rs) => batches.push(rs), 250, 10);
    for (let i = 0; i < 95; i++) b.push(rec(`r${i}`));
    b.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((r) => r.msg)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i + 85}`));
  });

  it('close drops what is pending', () => {
    vi.useFakeTimers();
    const emit = vi.fn();
    const b = new RecordBatcher(emit, 250);
    b.push(rec('a'));
    b.close();
    vi.advanceTimersByTime(1000);
    expect(emit).not.toHaveBeenCalled();
  });
});
