// A validation problem split for display: where (YAML line, dotted path) and the reason, without
// repeating the path when the engine's message already starts with it. The engine's messages
// carry the value they got, so `expected`/`got` are not appended again.
import type { Problem } from '../../../src-shared/result.ts';

export function reason(p: Problem): string {
  return p.field && p.message.startsWith(`${p.field}: `) ? p.message.slice(p.field.length + 2) : p.message;
}

/** One line: `line 3 · risk.risk_per_trade: must be ≤ 1, got 7`. */
export function problemLine(p: Problem): string {
  const line = p.line !== undefined && !/^line \d/.test(p.message) ? `line ${p.line} · ` : '';
  return `${line}${p.field ? `${p.field}: ` : ''}${reason(p)}`;
}
