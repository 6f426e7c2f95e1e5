// The one rule for what a step is. '5m': every closed 5-minute bar is a step (the 30m indicators run
// when a 30m bar is complete inside it); '30m': every 30-minute bar is a step (sources whose rows are
// 30-minute bars, or a 30m run asked for on the CLI).
export type StepMode = '5m' | '30m';

export const STEP_MS: Readonly<Record<StepMode, number>> = { '5m': 300_000, '30m': 1_800_000 };

export function stepMsOf(mode: StepMode): number {
  return STEP_MS[mode];
}

/** The finest step a source of `inputMinutes` rows (0: ticks) can make: 5m from ticks, 1m or 5m bars; 30m otherwise. */
export function naturalMode(inputMinutes: number): StepMode {
  return inputMinutes <= 5 && (inputMinutes === 0 || 5 % inputMinutes === 0) ? '5m' : '30m';
}

/** Why rows of `inputMinutes` cannot make `mode` steps, or null. */
export function cannotStep(inputMinutes: number, mode: StepMode): string | null {
  const want = STEP_MS[mode] / 60_000;
  if (inputMinutes > 0 && (want < inputMinutes || want % inputMinutes !== 0)) return `${inputMinutes}-minute rows cannot make ${mode} steps`;
  return null;
}
