import { describe, it, expect } from 'vitest';
import { CircuitBreaker } from '../../../../src-main/engine/health/breaker.ts';

const make = () => new CircuitBreaker({ failures: 3, cooldown: 4 });

describe('CircuitBreaker', () => {
  it('closed: allows calls; a success resets the consecutive count', () => {
    const b = make();
    expect(b.state).toBe('closed');
    b.failure(); b.failure();
    expect(b.consecutiveFailures).toBe(2);
    b.success();
    expect(b.consecutiveFailures).toBe(0);
    b.failure(); b.failure();
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
  });

  it('closed → open after N consecutive failures; open refuses calls', () => {
    const b = make();
    b.failure(); b.failure(); b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    expect(b.opened).toBe(1);
  });

  it('open → half-open after the cool-down in market steps, not before', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure();
    b.advance(3);
    expect(b.state).toBe('open');
    b.advance(1);
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(true);
  });

  it('half-open → closed on success', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure();
    b.advance(4);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.consecutiveFailures).toBe(0);
    // closed again: it takes N fresh failures to open
    b.failure(); b.failure();
    expect(b.state).toBe('closed');
  });

  it('half-open → open on failure, and the cool-down starts over', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure();
    b.advance(4);
    b.failure();
    expect(b.state).toBe('open');
    expect(b.opened).toBe(2);
    b.advance(3);
    expect(b.state).toBe('open');
    b.advance(1);
    expect(b.state).toBe('half-open');
  });

  it('a multi-step advance (a 30m step = 6 steps) counts in full; reset closes', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure();
    b.advance(6);
    expect(b.state).toBe('half-open');
    b.failure();
    b.reset();
    expect(b.state).toBe('closed');
  });

  it('refuses nonsensical options (programmer error)', () => {
    expect(() => new CircuitBreaker({ failures: 0, cooldown: 1 })).toThrow();
    expect(() => new CircuitBreaker({ failures: 1, cooldown: 0.5 })).toThrow();
  });
});
