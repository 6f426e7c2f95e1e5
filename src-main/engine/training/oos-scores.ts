// The card's OosScores (src-shared/model-card.ts) of one set of out-of-sample forecasts: a fold,
// all folds pooled, or the samples of one step. Every interval is the seeded bootstrap's 95 %.
import { meanCi, selectionGainCi, type BootstrapOptions } from '../stats/bootstrap.ts';
import type { OosScores } from '../../../src-shared/model-card.ts';
import { auc, aucCi, brierSkill, brierSkillCi, calibration, logLoss, logLossCi, type Forecast } from './oos-metrics.ts';
import { round6 } from './card.ts';

export interface ScoredForecast extends Forecast {
  /** the trade's net P&L in R */
  r: number;
  /** the fold's threshold takes it (p ≥ threshold) */
  selected: boolean;
}

const num = (x: number): number | null => (Number.isFinite(x) ? round6(x) : null);
const ci = (c: [number, number] | null): [number, number] | null => (c ? [round6(c[0]), round6(c[1])] : null);
const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** `o`: the bootstrap's resamples and seed (default: stats/bootstrap.ts's) */
export function oosScores(f: readonly ScoredForecast[], o: BootstrapOptions = {}): OosScores {
  const r = f.map((x) => x.r), sel = f.filter((x) => x.selected).map((x) => x.r);
  const selectedMean = mean(sel), allMean = mean(r);
  return {
    n: f.length,
    positives: f.filter((x) => x.y === 1).length,
    brier_skill: num(brierSkill(f)), brier_skill_ci95: ci(brierSkillCi(f, o)),
    auc: num(auc(f)), auc_ci95: ci(aucCi(f, o)),
    log_loss: num(logLoss(f)), log_loss_ci95: ci(logLossCi(f, o)),
    selected: sel.length,
    selected_expectancy_r: num(selectedMean), selected_expectancy_r_ci95: ci(meanCi(sel, o)),
    take_all_expectancy_r: num(allMean), take_all_expectancy_r_ci95: ci(meanCi(r, o)),
    value_added_r: num(sel.length ? selectedMean - allMean : NaN),
    value_added_r_ci95: ci(selectionGainCi(r, f.map((x) => x.selected), o)),
    calibration: calibration(f).map((b) => ({
      p_lo: round6(b.p_lo), p_hi: round6(b.p_hi), n: b.n, mean_p: round6(b.mean_p), hit_rate: round6(b.hit_rate),
      hit_rate_ci95: ci(meanCi(f.filter((x) => x.p >= b.p_lo && x.p <= b.p_hi)
        .map((x) => x.y), o)),
    })),
  };
}
