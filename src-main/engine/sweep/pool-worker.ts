// The pool's worker entry (tinypool imports it in each worker process): one call, one task.
import { runTask, type TaskInput } from './run-task.ts';
import type { SweepTaskResult } from '../../../src-shared/sweep.ts';

export default function run(t: TaskInput): Promise<SweepTaskResult> {
  return runTask(t);
}
