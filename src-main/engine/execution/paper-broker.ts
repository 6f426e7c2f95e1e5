// Deterministic paper broker (SPEC §5.2): one queued market order with a bracket, one position at a
// time (risk enforces max open positions). Market time only: it moves when the caller feeds a bar or
// a tick, never by a clock. Fill prices follow fill-rules.ts. Money (fills' commission and P&L,
// realized, unrealized) is in the account currency: price moves · pointValue · `rate`, and each side's
// commission by the instrument's model (commission.ts) · `rate`.
//
// Bracket on the fill (SPEC §5.2): an order that carries its distances (stopTicks, targetTicks) gets
// stop = fill − d·stopTicks·tick and target = fill + d·targetTicks·tick when it fills, so the stop is
// exactly the planned distance from the real entry. Orders without them (saved before issue 13) keep
// their stop and target prices.
//
// Data modes. 'bar': onBar fills the entry at the bar's open and walks the bracket along the
// conservative path of each bar, the entry bar included. 'tick': onTick fills the entry and the
// bracket at tick prices; onBar only counts bars for the time stop (a bar's range may hold prices
// from before the entry, so it is never used for fills).
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import { barExit, marketFill, priceExit, type Direction, type ExitFill } from './fill-rules.ts';
import { commissionFor } from './commission.ts';
import { decimal, fromTicks, toTicks } from '../risk/ticks.ts';

export interface PaperOrder {
  id: string;
  direction: Direction;
  /** a positive multiple of the instrument's quantity step */
  size: number;
  /** the bracket as planned (around the estimated entry); replaced at the fill when the distances are given */
  stop: number;
  target: number;
  /** whole ticks from the fill to the stop (> 0) and to the target; absent in orders saved before issue 13 */
  stopTicks?: number;
  targetTicks?: number;
  /** decision time (market ms). Bars starting, or ticks printed, before it never fill the order. */
  submittedAt: number;
}

export type FillKind = 'entry' | 'stop' | 'target' | 'time';

export interface FillEvent {
  kind: FillKind;
  orderId: string;
  /** the bar's label (start) for bar fills, the tick's time for tick fills */
  t: number;
  price: number;
  size: number;
  /** this side's commission (the instrument's model), in the account currency */
  commission: number;
  /** exits only: the round trip's P&L after both commissions, in the account currency */
  pnl?: number;
  /** the same two in the instrument's currency (before conversion at the stated rate) */
  commissionNative: number;
  pnlNative?: number;
  /** what this fill adds to realized P&L: −commission at an entry, price P&L − this side's commission at an exit */
  booked: number;
  /** entries only: the bracket the position got at this fill */
  stop?: number;
  target?: number;
}

export interface Position {
  orderId: string;
  direction: Direction;
  size: number;
  entryPrice: number;
  /** market time of the entry fill */
  entryT: number;
  stop: number;
  target: number;
  /** bars completed after the entry bar (0 on the entry bar) */
  barsHeld: number;
  /** the entry side's commission in the account currency (absent in state saved before issue 13) */
  entryCommission?: number;
  /** the same in the instrument's currency (absent in state saved before it was kept) */
  entryCommissionNative?: number;
}

/** Everything the broker holds, as plain data: a resumed run restores it (trading/session.ts). */
export interface BrokerState {
  queued: PaperOrder | null;
  position: Position | null;
  realized: number;
}

export type SubmitResult = { ok: true } | { ok: false; reason: string };

export interface PaperBrokerOptions {
  spec: InstrumentSpec;
  exec: Config['exec'];
  maxBarsInTrade: number;
  mode?: 'bar' | 'tick';
  /** account currency per 1 unit of the instrument's currency (risk/currency.ts accountRate) */
  rate: number;
}

export class PaperBroker {
  readonly mode: 'bar' | 'tick';
  readonly #spec: InstrumentSpec;
  readonly #pointValue: number;
  readonly #rate: number;
  readonly #slip: number;
  readonly #perContract: number;
  readonly #maxBars: number;
  #queued: PaperOrder | null = null;
  #pos: Position | null = null;
  #realized = 0;

  constructor(opts: PaperBrokerOptions) {
    const { spec, exec, maxBarsInTrade, rate } = opts;
    if (!(spec.tickSize > 0) || !(spec.pointValue > 0) || !(spec.quantityStep > 0)) throw new Error(`bad instrument spec for ${spec.symbol}`);
    if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`bad account currency rate ${rate} for ${spec.symbol}`);
    if (!Number.isInteger(maxBarsInTrade) || maxBarsInTrade < 1) throw new Error(`maxBarsInTrade must be an integer ≥ 1, got ${maxBarsInTrade}`);
    this.mode = opts.mode ?? 'bar';
    this.#spec = spec;
    this.#pointValue = spec.pointValue;
    this.#rate = rate;
    this.#slip = exec.slippage_ticks * spec.tickSize;
    this.#perContract = exec.commission_per_contract;
    this.#maxBars = maxBarsInTrade;
  }

  /** Queue a market entry with its bracket. Refused (with a reason) while busy or if malformed. */
  submit(order: PaperOrder): SubmitResult {
    if (this.#pos) return { ok: false, reason: `position ${this.#pos.orderId} is open` };
    if (this.#queued) return { ok: false, reason: `order ${this.#queued.id} is queued` };
    const bad = validate(order, this.#spec.quantityStep);
    if (bad) return { ok: false, reason: bad };
    this.#queued = { ...order };
    return { ok: true };
  }

  /** Cancel the queued order; false if it is not queued (already filled, or unknown). */
  cancel(orderId: string): boolean {
    if (this.#queued?.id !== orderId) return false;
    this.#queued = null;
    return true;
  }

  pending(): PaperOrder | null {
    return this.#queued ? { ...this.#queued } : null;
  }

  position(): Position | null {
    return this.#pos ? { ...this.#pos } : null;
  }

  snapshot(): BrokerState {
    return { queued: this.pending(), position: this.position(), realized: this.#realized };
  }

  restore(s: BrokerState): void {
    this.#queued = s.queued ? { ...s.queued } : null;
    this.#pos = s.position ? { ...s.position } : null;
    this.#realized = s.realized;
  }

  /** Money, after commissions; an entry's commission counts at the entry. */
  get realizedPnl(): number {
    return this.#realized;
  }

  /** Money of the open position marked at a price, before the exit's slippage and commission. */
  unrealizedPnl(markPrice: number): number {
    const p = this.#pos;
    return p ? this.#money(p.direction * this.#move(p.entryPrice, markPrice) * p.size) : 0;
  }

  /**
   * to − from, counted in ticks: 695.8 − 696.76 is −0.9600000000000364 in floats, and the tail times
   * 500 shares survives decimal() (−480.000000000018); −96 ticks · 0.01 is −0.96
   */
  #move(from: number, to: number): number {
    const tick = this.#spec.tickSize;
    return fromTicks(toTicks(to, tick) - toTicks(from, tick), tick);
  }

  /** price·quantity in the account currency */
  #money(priceTimesQty: number): number {
    return decimal(priceTimesQty * this.#pointValue * this.#rate);
  }

  /** one side's commission at `price`, in the instrument's currency */
  #commissionNative(size: number, price: number): number {
    return commissionFor(this.#spec.commission, size, price, this.#pointValue, this.#perContract);
  }

  /** A completed bar, fed in time order. Returns this bar's fills. */
  onBar(bar: Bar): FillEvent[] {
    const out: FillEvent[] = [];
    if (this.mode === 'bar') {
      const q = this.#queued;
      if (q && bar.t >= q.submittedAt) this.#enter(q, bar.t, bar.o, out);
    }
    const p = this.#pos;
    if (!p) return out;
    if (bar.t > p.entryT) p.barsHeld++; // the entry bar itself is bar 0
    if (this.mode === 'bar') {
      const exit = barExit(p, bar, this.#slip);
      if (exit) return this.#exit(exit, bar.t, out);
    }
    if (p.barsHeld >= this.#maxBars) {
      // The closing trade runs the other way (a long sells), so its slippage is −d·slip.
      this.#exit({ kind: 'time', price: marketFill(-p.direction as Direction, bar.c, this.#slip) }, bar.t, out);
    }
    return out;
  }

  /** A trade print (tick mode only), fed in time order. Returns this tick's fills. */
  onTick(t: number, price: number): FillEvent[] {
    if (this.mode !== 'tick') throw new Error('onTick on a bar-mode PaperBroker');
    if (!Number.isFinite(price)) throw new Error(`non-finite tick price at ${t}`);
    const out: FillEvent[] = [];
    const q = this.#queued;
    if (q && t >= q.submittedAt) this.#enter(q, t, price, out);
    const p = this.#pos;
    if (!p) return out;
    const exit = priceExit(p, price, this.#slip);
    if (exit) this.#exit(exit, t, out);
    return out;
  }

  #enter(q: PaperOrder, t: number, rawPrice: number, out: FillEvent[]): void {
    const price = marketFill(q.direction, rawPrice, this.#slip);
    const commissionNative = this.#commissionNative(q.size, price), commission = decimal(commissionNative * this.#rate);
    const { stop, target } = bracketAt(q, price, this.#spec.tickSize);
    this.#queued = null;
    this.#pos = {
      orderId: q.id, direction: q.direction, size: q.size, entryPrice: price, entryT: t, stop, target, barsHeld: 0,
      entryCommission: commission, entryCommissionNative: commissionNative,
    };
    this.#realized -= commission;
    out.push({ kind: 'entry', orderId: q.id, t, price, size: q.size, commission, commissionNative, booked: -commission, stop, target });
  }

  #exit(fill: ExitFill | { kind: 'time'; price: number }, t: number, out: FillEvent[]): FillEvent[] {
    const p = this.#pos!;
    const commissionNative = this.#commissionNative(p.size, fill.price), commission = decimal(commissionNative * this.#rate);
    // state saved before issue 13 charged the same per side
    const entryCommission = p.entryCommission ?? commission, entryNative = p.entryCommissionNative ?? commissionNative;
    const move = p.direction * this.#move(p.entryPrice, fill.price);
    const grossNative = decimal(move * p.size * this.#pointValue);
    const gross = this.#money(move * p.size);
    this.#realized += gross - commission;
    this.#pos = null;
    out.push({
      kind: fill.kind, orderId: p.orderId, t, price: fill.price, size: p.size, commission, commissionNative: decimal(commissionNative),
      pnl: decimal(gross - commission - entryCommission), pnlNative: decimal(grossNative - commissionNative - entryNative), booked: decimal(gross - commission),
    });
    return out;
  }
}

/** The position's bracket at an entry fill: re-anchored on the fill when the order carries its distances. */
function bracketAt(q: PaperOrder, fill: number, tick: number): { stop: number; target: number } {
  if (q.stopTicks === undefined || q.targetTicks === undefined) return { stop: q.stop, target: q.target };
  const e = toTicks(fill, tick), d = q.direction;
  return { stop: fromTicks(e - d * q.stopTicks, tick), target: fromTicks(e + d * q.targetTicks, tick) };
}

function validate(o: PaperOrder, step: number): string | null {
  if (o.direction !== 1 && o.direction !== -1) return `direction must be 1 or -1, got ${o.direction}`;
  const steps = o.size / step, whole = Math.round(steps);
  // a whole number of steps up to float noise (0.3 / 0.1 is 2.9999999999999996)
  if (!(whole >= 1) || Math.abs(steps - whole) > 1e-9 * whole) return `size must be a positive multiple of ${step}, got ${o.size}`;
  if (!Number.isFinite(o.stop) || !Number.isFinite(o.target)) return 'stop and target must be finite';
  if (!Number.isFinite(o.submittedAt)) return 'submittedAt must be finite';
  if (o.stopTicks !== undefined || o.targetTicks !== undefined) {
    const s = o.stopTicks, g = o.targetTicks;
    if (!Number.isInteger(s) || !Number.isInteger(g) || s! < 1) return `stopTicks must be an integer ≥ 1 and targetTicks an integer, got ${s} and ${g}`;
    if (s! + g! <= 0) return `target ${g} ticks is not beyond the stop ${s} ticks`;
  }
  // The target must lie on the profit side of the stop, or one price could touch both.
  if (o.direction * (o.target - o.stop) <= 0) return `target ${o.target} is not beyond stop ${o.stop} for direction ${o.direction}`;
  return null;
}
