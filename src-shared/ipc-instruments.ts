// The instrument shapes of the IPC contract (ipc.ts names the commands that carry them): a stored
// instrument with its spec, and the draft an import offers for an instrument it does not know.
import { z } from './zod.ts';
import { TIMEFRAMES } from './domain/bars.ts';
import { UserInstrument } from './config.ts';
import { CALENDAR_IDS } from './instruments/types.ts';

const Num = z.number().finite();
const Timeframe = z.enum(TIMEFRAMES);

export const AssetClass = z.enum(['future', 'equity', 'fx', 'crypto', 'index']);
/** per side, in the instrument's currency (src-shared/instruments/types.ts) */
export const CommissionModel = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per_contract'), perSide: Num.nullable() }),
  z.object({ kind: z.literal('per_share'), perShare: Num, minPerOrder: Num, maxPctOfValue: Num }),
  z.object({ kind: z.literal('bps'), bps: Num, minPerOrder: Num }),
]);

/**
 * A stored instrument. The spec fields are null when the row needs a definition: stored by an older
 * version under a guessed spec (one-cent ticks, $1 a point) that must not be traded on.
 */
export const InstrumentInfo = z.object({
  symbol: z.string(),
  name: z.string(),
  needsDefinition: z.boolean(),
  kind: AssetClass.nullable(),
  exchange: z.string().nullable(),
  /** the zone the stored bars are aligned in (known even without a definition) */
  exchangeTz: z.string(),
  tickSize: Num.nullable(),
  pointValue: Num.nullable(),
  currency: z.string().nullable(),
  quantityStep: Num.nullable(),
  lotSize: Num.nullable(),
  unit: z.enum(['contract', 'share', 'unit', 'coin']).nullable(),
  commission: CommissionModel.nullable(),
  calendar: z.enum(CALENDAR_IDS).nullable(),
  source: z.string().nullable(),
  /** stored bars per timeframe, with first/last bar start */
  bars: z.array(z.object({ timeframe: Timeframe, count: z.number().int(), first: Num.nullable(), last: Num.nullable() })),
  ticks: z.number().int(),
});

/**
 * What an import could tell about an instrument it does not know (issue 13): prefills for the
 * definition the trader must give before anything is stored. Keys as in the config's `instruments:`.
 */
export const InstrumentDraft = z.object({
  symbol: z.string().nullable(),
  kind: z.enum(['future', 'equity', 'fx', 'crypto']).nullable(),
  exchange: z.string().nullable(),
  /** the source zone detected in the file: the exchange zone unless the trader knows better */
  exchange_tz: z.string(),
  /** from the price decimals of the first rows */
  tick_size: Num.nullable(),
  point_value: Num.nullable(),
  currency: z.string().nullable(),
  calendar: z.enum(CALENDAR_IDS).nullable(),
  commission: UserInstrument.shape.commission.nullable(),
});
export type CommissionModel = z.infer<typeof CommissionModel>;
export type InstrumentDraft = z.infer<typeof InstrumentDraft>;

type DraftKind = NonNullable<InstrumentDraft['kind']>;

/**
 * What a kind usually takes when the trader has not said otherwise: the form prefills these and the
 * trader confirms them. Futures get no point value: a contract multiplier cannot be guessed.
 * Commissions: IBKR fixed for shares ($0.005, min $1, max 1% of value), 0.2 bps (min 2) for FX,
 * Binance's 0.1% spot fee for crypto; futures take exec.commission_per_contract.
 */
export function kindDefaults(kind: DraftKind): Pick<InstrumentDraft, 'calendar' | 'commission' | 'point_value'> {
  switch (kind) {
    case 'future': return { calendar: 'cme-globex', commission: { kind: 'per_contract', per_side: null }, point_value: null };
    case 'equity': return { calendar: 'us-equity', commission: { kind: 'per_share', per_share: 0.005, min_per_order: 1, max_pct_of_value: 0.01 }, point_value: 1 };
    case 'fx': return { calendar: 'fx-24x5', commission: { kind: 'bps', bps: 0.2, min_per_order: 2 }, point_value: 1 };
    case 'crypto': return { calendar: 'crypto-24x7', commission: { kind: 'bps', bps: 10, min_per_order: 0 }, point_value: 1 };
  }
}
/** a user instrument as written (defaults not yet applied): the form's and the config file's shape */
export type UserInstrumentInput = z.input<typeof UserInstrument>;
