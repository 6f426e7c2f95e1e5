// The trading session of a kernel run, set up the same way for every driver: auto-approve from the
// config, the step length from the mode, and fills from the finest data the source has (trade prints
// for a tick source, the step bars' conservative path for a bar source).
import { TradingSession, type TradingSessionOptions } from '../trading/session.ts';
import { STEP_MS, type StepMode } from './mode.ts';

/** The session's options, less what the kernel derives: auto-approve, broker mode and step length. */
export type SessionSetup = Omit<TradingSessionOptions, 'autoApprove' | 'brokerMode' | 'stepMs'> & {
  mode: StepMode;
  /** the source's row period in minutes (0: trade ticks) */
  inputMinutes: number;
};

export function openSession(s: SessionSetup): TradingSession {
  return new TradingSession({
    db: s.db, run: s.run, spec: s.spec, config: s.config, model: s.model, modelProblem: s.modelProblem,
    autoApprove: s.config.exec.auto_approve, brokerMode: s.inputMinutes === 0 ? 'tick' : 'bar', stepMs: STEP_MS[s.mode], wallNow: s.wallNow,
  });
}
