import { describe, expect, it, vi } from 'vitest';
import { checkCall, checkEvent, checkResponse, issuePath, relayCall } from '../../../src-main/server/validate.ts';

describe('contract checks', () => {
  it('names a zod issue path', () => {
    expect(issuePath([])).toBe('(root)');
    expect(issuePath(['bars', 0, 't'])).toBe('bars[0].t');
  });

  it('refuses unknown commands and invalid requests with the field and message', () => {
    expect(checkCall('no.such', {})).toMatchObject({ ok: false, problem: { code: 'unknown-command' } });
    expect(checkCall('__proto__', {})).toMatchObject({ ok: false, problem: { code: 'unknown-command' } });
    const bad = checkCall('bars.get', { symbol: 'ES', timeframe: '7m' });
    expect(bad).toMatchObject({ ok: false, problem: { code: 'bad-request', field: 'timeframe' } });
    if (!bad.ok) expect(bad.problem.message).toMatch(/^bars\.get: invalid request: timeframe: /);
    expect(checkCall('app.info', { extra: 1 })).toMatchObject({ ok: false, problem: { code: 'bad-request' } });
    expect(checkCall('app.info', {})).toEqual({ ok: true, name: 'app.info', req: {} });
  });

  it('checks responses and events against their schemas', () => {
    expect(checkResponse('instruments.list', { ok: true, value: [] })).toEqual({ ok: true, value: [] });
    expect(checkResponse('instruments.list', { ok: true, value: 'x' })).toMatchObject({ ok: false, problem: { code: 'bad-response', field: 'value' } });
    const problem = { ok: false, problem: { code: 'nope', message: 'm' } };
    expect(checkResponse('instruments.list', problem)).toEqual(problem);
    expect(checkEvent('data.changed', { symbols: ['ES'] })).toEqual({ ok: true, topic: 'data.changed', payload: { symbols: ['ES'] } });
    expect(checkEvent('data.changed', { symbols: 'ES' })).toMatchObject({ ok: false, problem: { code: 'bad-event' } });
    expect(checkEvent('nope', {})).toMatchObject({ ok: false, problem: { code: 'unknown-event' } });
  });

  it('relayCall forwards only valid calls and never rejects', async () => {
    const target = { call: vi.fn(async () => ({ ok: true as const, value: 1 })) };
    expect(await relayCall(target, 'bars.get', {})).toMatchObject({ ok: false, problem: { code: 'bad-request' } });
    expect(await relayCall(target, 42, {})).toMatchObject({ ok: false, problem: { code: 'unknown-command' } });
    expect(target.call).not.toHaveBeenCalled();
    expect(await relayCall(target, 'status.get', {})).toEqual({ ok: true, value: 1 });
    expect(target.call).toHaveBeenCalledWith('status.get', {});
    const throwing = { call: async () => { throw new Error('boom'); } };
    expect(await relayCall(throwing, 'status.get', {})).toMatchObject({ ok: false, problem: { code: 'internal' } });
  });
});
