// SPEC §5.2 pre-trade checks: each fails alone with its reason; evaluateRisk lists all, in order.
import { describe, it, expect } from 'vitest';
import {
  RISK_CHECKS, checkConsecutiveLosses, checkDailyLoss, checkDrawdown, checkKillSwitch, checkMaxRisk,
  checkOpenPositions, checkRewardRisk, checkSize, checkTradesToday, evaluateRisk,
} from '../../../../src-main/engine/risk/checks.ts';
import { CFG, esLong, flatAccount, propose } from './helpers.ts';

describe('evaluateRisk: SPEC R13', () => {
  it('ES long on a flat account is approved', () => {
    expect(evaluateRisk(esLong(), flatAccount(), CFG)).toEqual({ approved: true, reasons: [] });
  });
  it('day P&L −4,200 on ES: −4,200 − 1,000 = −5,200 < −5,000 → rejected for the daily loss limit', () => {
    expect(evaluateRisk(esLong(), flatAccount({ dayPnl: -4200 }), CFG)).toEqual({
      approved: false,
      reasons: ['daily loss limit: day P&L −4,200 − risk 1,000 = −5,200 < −5,000 (5 % of session-start equity 100,000)'],
    });
  });
});

describe('each check alone', () => {
  const ok = flatAccount();
  it('every check passes R13 on a flat account', () => {
    for (const check of RISK_CHECKS) expect(check(esLong(), ok, CFG)).toBeNull();
  });
  it('size 0', () => {
    const p = propose('ES', 1, 5000, 12.5);
    expect(checkSize(p, ok, CFG)).toBe('size 0: risk per contract 1,250 exceeds 1 % of equity 100,000 (1,000)');
    expect(evaluateRisk(p, ok, CFG)).toEqual({ approved: false, reasons: [checkSize(p, ok, CFG)] });
    expect(checkSize(propose('IBM', 1, 150, 600), ok, CFG)).toBe('size 0: risk per share 1,200 exceeds 1 % of equity 100,000 (1,000)');
  });
  it('open positions: max 1', () => {
    expect(checkOpenPositions(esLong(), flatAccount({ openPositions: 1 }), CFG)).toBe('open positions: 1 open, max 1');
  });
  it('trades today: 10 is the last allowed', () => {
    expect(checkTradesToday(esLong(), flatAccount({ tradesToday: 9 }), CFG)).toBeNull();
    expect(checkTradesToday(esLong(), flatAccount({ tradesToday: 10 }), CFG)).toBe('trades today: 10 taken, max 10');
  });
  it('consecutive losses: 3 halts the session', () => {
    expect(checkConsecutiveLosses(esLong(), flatAccount({ consecutiveLosses: 2 }), CFG)).toBeNull();
    expect(checkConsecutiveLosses(esLong(), flatAccount({ consecutiveLosses: 3 }), CFG))
      .toBe('consecutive losses: 3 in a row, max 3 (halted for the session)');
  });
  it('kill switch', () => {
    expect(checkKillSwitch(esLong(), flatAccount({ killSwitch: true }), CFG)).toBe('kill switch engaged: no new trades until it is reset');
  });
  it('drawdown: 14.99 % passes, 15 % from peak rejects', () => {
    const s = (equity: number) => flatAccount({ equity, peakEquity: 120_000 });
    expect(checkDrawdown(esLong(), s(102_001), CFG)).toBeNull();
    expect(checkDrawdown(esLong(), s(102_000), CFG))
      .toBe('drawdown: 18,000 (15 %) from peak equity 120,000 ≥ max 15 % (18,000)');
  });
  it('daily loss: a stop-out landing exactly on the limit passes', () => {
    expect(checkDailyLoss(esLong(), flatAccount({ dayPnl: -4000 }), CFG)).toBeNull();
    expect(checkDailyLoss(esLong(), flatAccount({ dayPnl: -4000.01 }), CFG)).toBe(
      'daily loss limit: day P&L −4,000.01 − risk 1,000 = −5,000.01 < −5,000 (5 % of session-start equity 100,000)');
  });
  it('daily loss is measured against session-start equity, not current equity', () => {
    const s = flatAccount({ equity: 90_000, sessionStartEquity: 80_000, dayPnl: -3100 });
    expect(checkDailyLoss(esLong(), s, CFG)).toBe(
      'daily loss limit: day P&L −3,100 − risk 1,000 = −4,100 < −4,000 (5 % of session-start equity 80,000)');
  });
  it('max risk per trade: sized above the cap (risk_per_trade 3 % > max 2 %)', () => {
    const p = propose('ES', 1, 5000, 2.5, { cfg: { risk_per_trade: 0.03 } }); // q 5 (capped), risk 1,250
    expect(checkMaxRisk(p, ok, CFG)).toBeNull();
    const shrunk = flatAccount({ equity: 50_000, peakEquity: 50_000 });
    expect(checkMaxRisk(p, shrunk, CFG)).toBe('max risk per trade: risk 1,250 > 2 % of equity 50,000 (1,000)');
  });
  it('reward:risk: the plan is compared, not the tick-rounded prices', () => {
    expect(checkRewardRisk(propose('ES', 1, 5000, 2.3), ok, CFG)).toBeNull(); // rounded rr 27/19 ≈ 1.42
    expect(checkRewardRisk(propose('ES', 1, 5000, 2.5, { cfg: { target_rr: 1.2 } }), ok, CFG)).toBe('reward:risk 1.2 < min 1.5');
  });
  it('reward:risk: a target rounded onto the entry rejects', () => {
    expect(checkRewardRisk(propose('ES', 1, 5000, 0.05), ok, CFG))
      .toBe('reward:risk: target 5000 is not beyond entry 5000 after tick rounding');
  });
});

describe('evaluateRisk: several at once', () => {
  it('lists every failing reason in the fixed order', () => {
    const p = propose('ES', 1, 5000, 12.5, { cfg: { target_rr: 1 } }); // size 0, rr 1
    const s = flatAccount({
      equity: 80_000, peakEquity: 100_000, dayPnl: -6000, tradesToday: 12,
      consecutiveLosses: 4, openPositions: 1, killSwitch: true,
    });
    const v = evaluateRisk(p, s, CFG);
    expect(v.approved).toBe(false);
    expect(v.reasons).toEqual([
      'size 0: risk per contract 1,250 exceeds 1 % of equity 100,000 (1,000)',
      'open positions: 1 open, max 1',
      'trades today: 12 taken, max 10',
      'consecutive losses: 4 in a row, max 3 (halted for the session)',
      'kill switch engaged: no new trades until it is reset',
      'drawdown: 20,000 (20 %) from peak equity 100,000 ≥ max 15 % (15,000)',
      'daily loss limit: day P&L −6,000 − risk 0 = −6,000 < −5,000 (5 % of session-start equity 100,000)',
      'reward:risk 1 < min 1.5',
    ]);
  });
  it('is pure: the same inputs give the same verdict, and nothing is mutated', () => {
    const p = esLong();
    const s = flatAccount({ dayPnl: -4200 });
    const before = JSON.stringify([p, s]);
    expect(evaluateRisk(p, s, CFG)).toEqual(evaluateRisk(p, s, CFG));
    expect(JSON.stringify([p, s])).toBe(before);
  });
});
