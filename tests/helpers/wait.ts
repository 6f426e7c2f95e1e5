// Small helpers for tests that drive a real engine: poll until a condition holds, and unwrap a
// handler's result (a failed result throws with its message, so the test shows why).

/** Polls `cond` every `everyMs` until it holds; throws 'timed out' after `ms`. */
export async function until(cond: () => boolean, ms = 60_000, everyMs = 5): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The value of an ok result; a failed one throws its problem's message. */
export function value<T>(r: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}
