// The progress family of the IPC contract (ipc.ts spreads these in): a long job's progress and its
// cancellation. A job is an import, or the recompute of stored indicator values after a config or
// profile change; the engine runs one at a time.
import { z } from './zod.ts';
import { result } from './result.ts';
import { JobProgress } from './progress.ts';

export const JobCancelled = z.object({
  /** false when no job (or not that one) was running */
  cancelled: z.boolean(),
  id: z.string().nullable(),
});

export const jobCommands = {
  /**
   * Cancel the running job (or only the one with `id`): it stops at its next slice, its transaction is
   * rolled back (nothing of it stays stored) and its command answers with the problem `cancelled`.
   * Answered while the job runs (the worker reads it between slices).
   */
  'job.cancel': { req: z.object({ id: z.string().min(1).max(100).optional() }).strict(), res: result(JobCancelled) },
} as const;

export const jobEvents = {
  /** a long job's phase, done of total, rows/s and time left (≤ 4 Hz, every phase start, and its end) */
  'job.progressed': JobProgress,
} as const;

/** commands the engine worker answers even while a job runs (the others wait until it ends) */
export const URGENT_COMMANDS: ReadonlySet<string> = new Set(Object.keys(jobCommands));
