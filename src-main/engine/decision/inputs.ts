// What the decision model sees at a step: the three matrices as the pipeline holds them right after
// the step (SPEC §3), copied, so a later bar cannot change a decision's inputs. Null until every
// assembler is ready (the decision then takes the rule path; matricesNotReady says why in words).
// `copy: false` hands out the pipeline's own buffers, for a caller that is done with them before the
// pipeline takes its next bar (the replay loop awaits the step; the model copies if it runs later).
import type { IndicatorPipeline } from '../pipeline.ts';
import type { DecisionMatrices } from './model.ts';

export function decisionMatrices(p: IndicatorPipeline, o: { copy: boolean } = { copy: true }): DecisionMatrices | null {
  const s30 = p.stage30.matrix30.matrix();
  const t5 = p.stage5.matrix.matrix();
  const rg = p.stage30.regime.matrix();
  if (!s30 || !t5 || !rg) return null;
  if (!o.copy) return { structure_30m: s30, tactical_5m: t5, regime_30m: rg };
  return { structure_30m: s30.slice(), tactical_5m: t5.slice(), regime_30m: rg.slice() };
}

/**
 * Why decisionMatrices(p) is null, for the decision's reason: 'regime matrix has 12 of 96 rows'
 * (every matrix still short, joined by ', '); null when all three are ready. Only reads row counts.
 */
export function matricesNotReady(p: IndicatorPipeline): string | null {
  const short: string[] = [];
  const check = (name: string, m: { readonly size: number; readonly rows: number }) => {
    if (m.size < m.rows) short.push(`${name} has ${m.size} of ${m.rows} rows`);
  };
  check('30m structure matrix', p.stage30.matrix30);
  check('5m tactical matrix', p.stage5.matrix);
  check('regime matrix', p.stage30.regime);
  return short.length ? short.join(', ') : null;
}
