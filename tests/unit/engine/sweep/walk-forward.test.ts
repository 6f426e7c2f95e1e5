// The walk-forward of a sweep's parameter sets, by hand: for fold k the set with the best pooled figure on
// folds 0…k−1 is chosen, and only its fold-k trades count out of sample.
import { describe, it, expect } from 'vitest';
import { selectValue, walkForward } from '../../../../src-main/engine/sweep/walk-forward.ts';

// two sets × three folds; set A does well early and badly late, B the other way round
const tasks = [
  { set: 'A', fold: 0, rs: [2, 1] }, { set: 'A', fold: 1, rs: [-1] }, { set: 'A', fold: 2, rs: [-1, -1] },
  { set: 'B', fold: 0, rs: [-1] }, { set: 'B', fold: 1, rs: [3, 1] }, { set: 'B', fold: 2, rs: [2] },
];

describe('walk-forward over swept parameter sets', () => {
  it('chooses on the folds before, tests on the fold itself', () => {
    const wf = walkForward(tasks, ['A', 'B'], { count: 3, select_by: 'expectancy_r', min_trades: 1 });
    // fold 1: in-sample fold 0 → A mean 1.5, B −1 → A; out of sample A's fold 1: [−1]
    // fold 2: in-sample folds 0–1 → A [2,1,−1] mean 0.667, B [−1,3,1] mean 1 → B; out of sample B's fold 2: [2]
    expect(wf.steps).toEqual([
      { fold: 1, chosen: 'A', in_sample: 1.5, oos_trades: 1, oos_total_r: -1, oos_expectancy_r: -1 },
      { fold: 2, chosen: 'B', in_sample: 1, oos_trades: 1, oos_total_r: 2, oos_expectancy_r: 2 },
    ]);
    expect(wf.oos).toMatchObject({ trades: 2, expectancy_r: 0.5, total_r: 1 });
    expect(wf.oos.ci95![0]).toBeLessThanOrEqual(0.5);
    expect(wf.oos.ci95![1]).toBeGreaterThanOrEqual(0.5);
    expect(wf.chosen_counts).toEqual({ A: 1, B: 1 });
  });

  it('total R and min_trades change the choice; ties go to the earlier set', () => {
    // by total R on fold 0: A 3, B −1 → A; on folds 0–1: A 2, B 3 → B (as by the mean)
    expect(walkForward(tasks, ['A', 'B'], { count: 3, select_by: 'total_r', min_trades: 1 }).steps.map((s) => s.chosen)).toEqual(['A', 'B']);
    // with 3 trades needed, nobody qualifies on fold 0 alone; on folds 0–1 both have 3 → B
    const strict = walkForward(tasks, ['A', 'B'], { count: 3, select_by: 'expectancy_r', min_trades: 3 });
    expect(strict.steps.map((s) => s.chosen)).toEqual([null, 'B']);
    expect(strict.oos).toMatchObject({ trades: 1, expectancy_r: 2 });
    const tie = [{ set: 'X', fold: 0, rs: [1] }, { set: 'Y', fold: 0, rs: [1] }, { set: 'X', fold: 1, rs: [5] }, { set: 'Y', fold: 1, rs: [7] }];
    expect(walkForward(tie, ['Y', 'X'], { count: 2, select_by: 'expectancy_r', min_trades: 1 }).steps[0]!.chosen).toBe('Y');
  });

  it('select figures by hand', () => {
    expect(selectValue([2, -1, -1, 0.5], 'expectancy_r')).toBe(0.125);
    expect(selectValue([2, -1, -1, 0.5], 'total_r')).toBe(0.5);
    expect(selectValue([2, -1, -1, 0.5], 'win_rate')).toBe(0.5);
    expect(selectValue([2, -1, -1, 0.5], 'profit_factor')).toBe(1.25);
    expect(selectValue([1, 2], 'profit_factor')).toBe(Infinity);
    expect(selectValue([], 'expectancy_r')).toBeNull();
  });
});
