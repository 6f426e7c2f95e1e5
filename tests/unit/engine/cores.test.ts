// The core accounting that keeps MMD's helper thread from waking while a reading thread works flat out
// on the only other core (engine/cores.ts): a claim takes a core while its thread works, leaves it
// spare while the thread is parked, and gives it back once however often released.
import { describe, it, expect } from 'vitest';
import { availableParallelism } from 'node:os';
import { claimCore, spareCores } from '../../../src-main/engine/cores.ts';

describe('cores', () => {
  it('a working claim takes a core, a parked one does not, a released one is gone (twice released: once)', () => {
    const free = availableParallelism() - 1;
    expect(spareCores()).toBe(free);
    let parked = false;
    const a = claimCore(() => parked);
    const b = claimCore();
    expect(spareCores()).toBe(free - 2);
    parked = true;
    expect(spareCores()).toBe(free - 1);
    b(); b();
    expect(spareCores()).toBe(free);
    parked = false;
    expect(spareCores()).toBe(free - 1);
    a();
    expect(spareCores()).toBe(free);
  });
});
