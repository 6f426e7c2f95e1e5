// The approval queue's keys: A approves the selected decision, R opens the reject reason, ↑ / ↓
// move the selection. The shell calls this only when no text field has the focus.
import type { Trading } from '../state/trading.svelte.ts';

/** Handle `e` for the queue; true when it was one of its keys (the default action is then prevented). */
export function tradingKey(e: KeyboardEvent, trading: Trading): boolean {
  const k = e.key;
  if (k === 'ArrowUp' || k === 'ArrowDown') {
    if (trading.pending.length === 0) return false; // arrows scroll as usual
    trading.move(k === 'ArrowUp' ? -1 : 1);
  } else if (k === 'a' || k === 'A') {
    if (!e.repeat) void trading.approve();
  } else if (k === 'r' || k === 'R') {
    trading.startReject();
  } else {
    return false;
  }
  e.preventDefault();
  return true;
}
