// Errors are values at the edges: every response that crosses a process boundary is a Result.
import { z } from './zod.ts';

export const Problem = z.object({
  code: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  field: z.string().optional(),
  expected: z.string().optional(),
  got: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, extra: Partial<Problem> = {}): { ok: false; problem: Problem } => ({
  ok: false,
  problem: { code, message, ...extra },
});

/** zod schema for a Result carrying `value`. */
export function result<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), problem: Problem }),
  ]);
}

/** One line for humans: "file:line field: message (expected X, got Y)". */
export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ` : '';
  const field = p.field ? `${p.field}: ` : '';
  const exp = p.expected !== undefined || p.got !== undefined
    ? ` (expected ${p.expected ?? '?'}, got ${p.got ?? '?'})` : '';
  return `${where}${field}${p.message}${exp}`;
}
