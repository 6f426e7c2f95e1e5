// Test hook, injected with `node --import <this file> src-main/cli/main.ts …`: the process SIGKILLs
// itself right after the trading step numbered ALGOSPACE_KILL_AT_STEP is committed, as a crash at
// that moment would. Production code has no branch for it: the kernel calls its afterCommit hooks.
import { kernelHooks } from '../../src-main/engine/kernel/kernel.ts';

const at = Number(process.env.ALGOSPACE_KILL_AT_STEP);
if (Number.isInteger(at) && at > 0) {
  kernelHooks.afterCommit.push((session) => {
    if (session.steps === at) process.kill(process.pid, 'SIGKILL');
  });
}
