// The pool's worker entry (tinypool imports it in each worker process): one call, one task.
import { runTask, runTaskReport, type TaskInput } from './run-task.ts';
import type { SweepTaskResult } from '../../../src-shared/sweep.ts';
import type { RunReport } from '../../../src-shared/report.ts';

export default function run(t: TaskInput): Promise<SweepTaskResult> {
  return runTask(t);
}

/** `name: 'report'`: the task's whole report (the app's view of one sweep row). */
export function report(t: TaskInput): Promise<RunReport> {
  return runTaskReport(t);
}
