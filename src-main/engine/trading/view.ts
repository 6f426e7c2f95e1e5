// The decision as the approval queue shows it, and the hash that ties an approval to exactly what
// was shown: the client sends back the hash of the view it displayed, and the engine refuses an
// action whose hash differs from the stored one (the trader approved something else).
import { hash } from 'node:crypto';
import type { ShownDecision } from '../../store/trading.ts';

/**
 * sha256 of the view's canonical JSON (keys sorted), without the run id: the trader is not shown it,
 * and the same decision made by the app's run and by the CLI's must hash alike (decision_stream_sha256).
 */
export function shownHash(v: ShownDecision): string {
  const keys = (Object.keys(v) as (keyof ShownDecision)[]).filter((k) => k !== 'run_id').sort();
  const canon = JSON.stringify(keys.map((k) => [k, v[k]]));
  return hash('sha256', canon, 'hex');
}
