// The one IPC contract. Every command has a zod request and response schema, every event topic a
// payload schema. Electron IPC, the browser-mode WebSocket and the engine worker port all use it,
// and each side validates what it receives. This is the only file that spells a channel name.
import { z } from './zod.ts';
import { Problem, result } from './result.ts';
import { TIMEFRAMES } from './domain/bars.ts';
import { DecisionStatus, DecisionView, TradeMarker, TradingState } from './trading.ts';
import { PROFILE_NAMES } from './profiles.ts';
import { UserInstrument } from './config.ts';
import { InstrumentDraft, InstrumentInfo } from './ipc-instruments.ts';
import { barsRangeCommand, FvgZone, indicatorsRangeCommand } from './ipc-chart.ts';

export { FvgZone };
import { RunListItem, RunReport } from './report.ts';
import { ModelInfo } from './model-card.ts';
import { SweepDetail, SweepListItem } from './sweep-view.ts';
import { jobCommands, jobEvents } from './ipc-progress.ts';

export const Timeframe = z.enum(TIMEFRAMES);

const Num = z.number().finite();
export const BarColumns = z.object({
  t: z.array(Num), o: z.array(Num), h: z.array(Num), l: z.array(Num), c: z.array(Num), v: z.array(Num),
});
export const BarRow = z.object({ t: Num, o: Num, h: Num, l: Num, c: Num, v: Num });

export const ImportRecord = z.object({
  id: z.number().int(),
  file: z.string(),
  sha256: z.string(),
  format: z.string(),
  layout: z.string(),
  kind: z.enum(['ticks', 'bars']),
  symbol: z.string(),
  sourceTz: z.string(),
  rowsRead: z.number().int(),
  rowsStored: z.number().int(),
  rowsRejected: z.number().int(),
  problems: z.array(Problem),
  firstT: Num.nullable(),
  lastT: Num.nullable(),
  finishedAt: Num,
  /** true when this file (same SHA-256) had been imported before and nothing was added */
  duplicate: z.boolean(),
  barsDiffering: z.number().int().optional(), barsReplaced: z.number().int().optional(), // stored bars met with other values: kept, or replaced (--replace)
});

export const ImportInspection = z.object({
  path: z.string(),
  file: z.string(),
  format: z.string(),
  layout: z.string(),
  kind: z.enum(['ticks', 'bars']),
  barMinutes: z.number().int().nullable(),
  sourceTz: z.string(),
  tzSource: z.enum(['given', 'in-file', 'format', 'default']),
  symbol: z.string().nullable(),
  bytes: z.number().int(),
  /** how the instrument is known; null: it is not, and `draft` holds the guesses for its definition */
  instrumentSource: z.enum(['catalogue', 'config']).nullable(),
  draft: InstrumentDraft.nullable(),
});

/** Indicator outputs per bar: one array per column of the `indicators` CLI (null = not ready). */
export const IndicatorSeries = z.record(z.string(), z.array(Num.nullable()));
export const IndicatorFrame = z.object({
  timeframe: Timeframe,
  t: z.array(Num),
  series: IndicatorSeries,
});

export const ReplaySpeed = z.union([z.literal(1), z.literal(10), z.literal(100), z.literal('max')]);
export const ReplayState = z.object({
  symbol: z.string().nullable(),
  status: z.enum(['idle', 'playing', 'paused', 'ended']),
  speed: ReplaySpeed,
  /** source of the replay: stored ticks, or stored 1-minute bars */
  source: z.enum(['ticks', 'bars']).nullable(),
  /** market time of the replay clock (UTC ms); null before the first play */
  clock: Num.nullable(),
  from: Num.nullable(),
  to: Num.nullable(),
  ticks: z.number().int(),
});

export const Status = z.object({
  clock: Num.nullable(),
  exchangeTz: z.string().nullable(),
  ticksPerSec: Num,
  barsSoFar: z.number().int(),
  rejectedRows: z.number().int(),
  dbBytes: z.number().int(),
});

export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dbPath: z.string(),
  sampleDir: z.string(),
});

/** Where an effective config value comes from. */
export const ConfigSource = z.enum(['default', 'file', 'env']);
export const ConfigState = z.object({
  /** the config file (YAML) in the user-data folder */
  path: z.string(),
  /** the file's text as last read or applied */
  yaml: z.string(),
  /** the effective config (defaults ← file ← environment), as plain JSON */
  config: z.record(z.string(), z.unknown()),
  /** dotted key path (e.g. `risk.risk_per_trade`) → where its value comes from */
  sources: z.record(z.string(), ConfigSource),
  /** the config JSON schema (from the zod schema): groups, types, defaults, min/max, descriptions */
  schema: z.record(z.string(), z.unknown()),
  /** problems of the file on disk, when its last edit was refused (the previous config stays) */
  fileProblems: z.array(Problem),
});
export const ConfigChange = z.object({
  /** wall time of the change, ms */
  at: Num,
  source: z.enum(['startup', 'editor', 'file']),
  diff: z.array(z.object({ path: z.string(), from: z.unknown(), to: z.unknown() })),
});
/** A sweep's parameter set as a config change: what changes (or changed), what the trader should know, the record. */
export const SweepApplied = z.object({ profile: z.enum(PROFILE_NAMES), diff: ConfigChange.shape.diff, notes: z.array(z.string()), change: ConfigChange.nullable() });

/** One pipeline component's health: counts, latency from a bounded histogram, errors, breaker. */
export const StageHealth = z.object({
  name: z.string(),
  status: z.enum(['idle', 'ok', 'degraded', 'failed']),
  processed: z.number().int(),
  /** items per second over the last few seconds */
  perSec: Num,
  p50Ms: Num,
  p99Ms: Num,
  maxMs: Num,
  errors: z.number().int(),
  lastError: z.string().nullable(),
  breaker: z.enum(['closed', 'open', 'half-open']),
  /** the stage runs on a fallback (e.g. the decision model is down: rule path); why — degraded while set */
  fallback: z.string().nullable().optional(),
});
export const Alert = z.object({
  id: z.number().int(),
  /** what is alerting, e.g. `latency:decision`, `memory-growth`, `error-rate:mmd`, `failed:indicators.30m` */
  key: z.string(),
  severity: z.enum(['warning', 'critical']),
  message: z.string(),
  value: Num.nullable(),
  threshold: Num.nullable(),
  /** wall times, ms */
  raisedAt: Num,
  clearedAt: Num.nullable(),
});
export const Health = z.object({
  at: Num,
  stages: z.array(StageHealth),
  process: z.object({ heapMb: Num, rssMb: Num, rssGrowthMb: Num }),
  /** event-loop lag of the main process (browser mode: the server process); null where not measured */
  mainLoopLagMs: Num.nullable(),
  dbBytes: z.number().int(),
  walBytes: z.number().int(),
  /** events sent to clients per second (after coalescing) */
  ipcEventsPerSec: Num,
  /** alerts currently raised */
  alerts: z.array(Alert),
});
export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export const LogRecord = z.object({
  time: Num,
  level: LogLevel,
  component: z.string(),
  msg: z.string(),
  /** ties decision-related records together (synergy → decision → approval → fill) */
  correlationId: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

const JournalEntry = z.object({
  decision: DecisionView,
  entry: z.object({ t: Num, price: Num }).nullable(),
  exit: z.object({ t: Num, price: Num, kind: z.string(), pnl: Num.nullable() }).nullable(),
});

const Empty = z.object({}).strict();
const Symbol = z.string().min(1).max(32);

export const commands = {
  'app.info': { req: Empty, res: result(AppInfo) },
  'instruments.list': { req: Empty, res: result(z.array(InstrumentInfo)) },
  'bars.get': {
    req: z.object({ symbol: Symbol, timeframe: Timeframe, from: Num.optional(), to: Num.optional(), limit: z.number().int().positive().max(1_000_000).optional() }).strict(),
    res: result(z.object({ symbol: z.string(), timeframe: Timeframe, bars: BarColumns })),
  },
  'bars.range': barsRangeCommand,
  'indicators.range': indicatorsRangeCommand,
  /** indicator values stored with the bars (5m: FVG, ATR, 5m features; 30m: MLMI, NW-RQK, LVN, MMD, 30m features) */
  'indicators.get': {
    req: z.object({ symbol: Symbol, timeframe: Timeframe, from: Num.optional(), to: Num.optional(), limit: z.number().int().positive().max(1_000_000).optional() }).strict(),
    res: result(z.object({ symbol: z.string(), frames: z.array(IndicatorFrame), fvgZones: z.array(FvgZone) })),
  },
  'import.inspect': {
    req: z.object({ path: z.string().min(1), tz: z.string().optional(), instrument: Symbol.optional() }).strict(),
    res: result(ImportInspection),
  },
  /**
   * Import a file. An instrument neither the catalogue nor the config knows stores nothing: the answer
   * is the problem `instrument-needed` (import.inspect gives the guesses). `define` first writes that
   * instrument into the config's `instruments:` (validated and recorded like any config edit). `replace`:
   * bars stored with other values take the file's (default: the stored are kept and listed). */
  'import.start': {
    req: z.object({ path: z.string().min(1), tz: z.string().optional(), instrument: Symbol.optional(), define: UserInstrument.optional(), replace: z.boolean().optional() }).strict(),
    res: result(ImportRecord),
  },
  'imports.list': { req: Empty, res: result(z.array(ImportRecord)) },
  'replay.load': {
    req: z.object({ symbol: Symbol, from: Num.optional() }).strict(),
    res: result(ReplayState),
  },
  'replay.get': { req: Empty, res: result(ReplayState) },
  'replay.play': { req: Empty, res: result(ReplayState) },
  'replay.pause': { req: Empty, res: result(ReplayState) },
  'replay.setSpeed': { req: z.object({ speed: ReplaySpeed }).strict(), res: result(ReplayState) },
  'replay.seek': { req: z.object({ time: Num }).strict(), res: result(ReplayState) },
  'replay.stop': { req: Empty, res: result(ReplayState) },
  'status.get': { req: Empty, res: result(Status) },
  'config.get': { req: Empty, res: result(ConfigState) },
  /** check a YAML text without applying it: every problem with its dotted path (`field`) */
  'config.validate': { req: z.object({ yaml: z.string().max(1_000_000) }).strict(), res: result(z.object({ valid: z.boolean(), problems: z.array(Problem) })) },
  /** validate, write the file and hot-reload: dependent stages are rebuilt and re-warmed from stored bars */
  'config.apply': {
    req: z.object({ yaml: z.string().max(1_000_000) }).strict(),
    res: result(z.object({ state: ConfigState, change: ConfigChange.nullable() })),
  },
  'config.history': { req: Empty, res: result(z.array(ConfigChange)) },
  'health.get': { req: Empty, res: result(Health) },
  /** raised and cleared alerts, newest first */
  'alerts.list': { req: z.object({ limit: z.number().int().positive().max(10_000).optional() }).strict(), res: result(z.array(Alert)) },
  /** the newest log records, oldest first, filtered by minimum level and a case-insensitive text search */
  'logs.tail': {
    req: z.object({ level: LogLevel.optional(), search: z.string().max(200).optional(), limit: z.number().int().positive().max(5_000).optional() }).strict(),
    res: result(z.object({ records: z.array(LogRecord), file: z.string().nullable() })),
  },
  /** the approval queue, positions, account and counts of the current replay's trading run */
  'trading.get': { req: Empty, res: result(TradingState) },
  /** approve / reject a pending decision; `shownHash` is the hash of the view the trader saw (refused if it differs) */
  'trading.approve': {
    req: z.object({ id: z.number().int(), shownHash: z.string().min(1).max(128), reason: z.string().max(500).optional() }).strict(),
    res: result(DecisionView),
  },
  'trading.reject': {
    req: z.object({ id: z.number().int(), shownHash: z.string().min(1).max(128), reason: z.string().max(500).optional() }).strict(),
    res: result(DecisionView),
  },
  /** synergy, decision and fill markers of the symbol's latest run */
  'trading.markers': {
    req: z.object({ symbol: Symbol, from: Num.optional(), to: Num.optional() }).strict(),
    res: result(z.array(TradeMarker)),
  },
  /** the decision journal of every run, newest first (filter by status and symbol), and the same as CSV */
  'trading.journal': {
    req: z.object({ status: DecisionStatus.optional(), symbol: Symbol.optional(), limit: z.number().int().positive().max(100_000).optional() }).strict(),
    res: result(z.object({ rows: z.array(JournalEntry), csv: z.string() })),
  },
  /** switch the built-in profile (spec | active): applied like a config edit, recorded, hot-reloaded */
  'trading.setProfile': { req: z.object({ profile: z.enum(PROFILE_NAMES) }).strict(), res: result(ConfigState) },
  /** paper mode: approve every decision that passes risk (config exec.auto_approve) */
  'trading.setAutoApprove': { req: z.object({ on: z.boolean() }).strict(), res: result(ConfigState) },
  /** hold the replay at each synergy until its decision is settled (config replay.pause_on_decision) */
  'trading.setPauseOnDecision': { req: z.object({ on: z.boolean() }).strict(), res: result(ConfigState) },
  /** engage or reset the kill switch of the current run */
  'trading.killSwitch': { req: z.object({ on: z.boolean() }).strict(), res: result(TradingState) },
  /** every trading run in the store, newest first (the report picker) */
  'report.runs': { req: Empty, res: result(z.array(RunListItem)) },
  /** the backtest report of one run (default: the current replay's run), from its recorded events only */
  'report.get': { req: z.object({ runId: z.number().int().positive().optional() }).strict(), res: result(RunReport) },
  /** the live decision model: file, SHA-256, its card, or why there is none */
  'model.get': { req: Empty, res: result(ModelInfo) },
  /**
   * Load an ONNX decision model: names, shapes and the feature-schema hash are checked, and the
   * card beside it (if any) must carry the file's SHA-256. The answer comes at once with loading
   * true; model.changed follows. A refused file leaves the model in use as it was.
   */
  'model.load': { req: z.object({ path: z.string().min(1).max(4096) }).strict(), res: result(ModelInfo) },
  /** the parameter sweeps in the store (made by `npm run cli -- sweep`), newest first */
  'sweep.list': { req: Empty, res: result(z.array(SweepListItem)) },
  /** one sweep: tasks with metrics, parameter sets pooled, the best set (in-sample) and the walk-forward */
  'sweep.get': { req: z.object({ id: z.number().int().positive() }).strict(), res: result(SweepDetail) },
  /** a done task's whole backtest report, its run replayed again in a child process (takes seconds) */
  'sweep.taskReport': { req: z.object({ taskId: z.number().int().positive() }).strict(), res: result(RunReport) },
  /** a set (ParamSetSummary.key) into config.yaml: the sweep's profile, then its keys; recorded. dryRun: the diff only */
  'sweep.apply': { req: z.object({ sweepId: z.number().int().positive(), set: z.string().min(2).max(100_000), dryRun: z.boolean().optional() }).strict(), res: result(SweepApplied) },
  ...jobCommands,
} as const;

export const events = {
  /** bars closed since the last event plus the forming bar, per timeframe (coalesced, ≤ 30 Hz) */
  'bars.appended': z.object({
    symbol: z.string(),
    /** true on the first event of a replay from `from`: the chart drops bars at or after `from` */
    reset: z.boolean(),
    from: Num.nullable(),
    frames: z.array(z.object({ timeframe: Timeframe, closed: BarColumns, forming: BarRow.nullable() })),
  }),
  /** indicator values of bars closed since the last event (same cadence and reset rule as bars.appended) */
  'indicators.appended': z.object({
    symbol: z.string(),
    reset: z.boolean(),
    from: Num.nullable(),
    frames: z.array(IndicatorFrame),
    /** zones created or ended since the last event (an ended zone repeats with its `to`) */
    fvgZones: z.array(FvgZone),
  }),
  'replay.changed': ReplayState,
  'status.changed': Status,
  ...jobEvents,
  /** a config change was applied (from the editor or the file on disk) */
  'config.changed': z.object({ state: ConfigState, change: ConfigChange }),
  /** an edit of the config file on disk was refused; the previous config stays in force */
  'config.rejected': z.object({ source: z.enum(['file', 'editor']), problems: z.array(Problem) }),
  /** the health snapshot, about twice a second */
  'health.changed': Health,
  'alert.raised': Alert,
  'alert.cleared': Alert,
  /** log records written since the last event (coalesced) */
  'log.appended': z.object({ records: z.array(LogRecord) }),
  /** the trading run changed (a step with news, an approval, a fill): the full, small state */
  'trading.changed': TradingState,
  /** the live decision model changed (a load finished or was refused) */
  'model.changed': ModelInfo,
  /** stored data changed (an import finished): clients reload lists and bars */
  'data.changed': z.object({ symbols: z.array(z.string()) }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type EventTopic = keyof typeof events;
export type Req<N extends CommandName> = z.input<Commands[N]['req']>;
export type Res<N extends CommandName> = z.infer<Commands[N]['res']>;
/** the value inside an ok response */
export type Value<N extends CommandName> = Extract<Res<N>, { ok: true }>['value'];
export type EventPayload<T extends EventTopic> = z.infer<(typeof events)[T]>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventTopics = Object.keys(events) as EventTopic[];

export function isCommandName(x: unknown): x is CommandName {
  return typeof x === 'string' && Object.hasOwn(commands, x);
}
export function isEventTopic(x: unknown): x is EventTopic {
  return typeof x === 'string' && Object.hasOwn(events, x);
}

/** Wire frames of the WebSocket and worker transports. */
export const Frame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int(), name: z.string(), req: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int(), res: z.unknown() }),
  z.object({ type: z.literal('event'), topic: z.string(), payload: z.unknown() }),
]);
export type Frame = z.infer<typeof Frame>;

export { InstrumentInfo, InstrumentDraft };
export type { CommissionModel } from './ipc-instruments.ts';
export type InstrumentInfo = z.infer<typeof InstrumentInfo>;
export type FvgZone = z.infer<typeof FvgZone>;
export type IndicatorFrame = z.infer<typeof IndicatorFrame>;
export type ImportRecord = z.infer<typeof ImportRecord>;
export type ImportInspection = z.infer<typeof ImportInspection>;
export type ReplayState = z.infer<typeof ReplayState>;
export type ReplaySpeed = z.infer<typeof ReplaySpeed>;
export type Status = z.infer<typeof Status>;
export type ConfigState = z.infer<typeof ConfigState>;
export type StageHealth = z.infer<typeof StageHealth>;
export type Alert = z.infer<typeof Alert>;
export type Health = z.infer<typeof Health>;
export type LogRecord = z.infer<typeof LogRecord>;
export type ConfigChange = z.infer<typeof ConfigChange>;
export type SweepApplied = z.infer<typeof SweepApplied>;

/**
 * Transport names, spelled here only. Electron: ONE invoke channel for every command and ONE send
 * channel for every event (relay ⇄ preload). Frames: the `type` of a Frame on the WebSocket and the
 * worker port, plus the worker port's two control messages (host → worker `shutdown`, worker → host
 * `closed` just before it exits), which never cross to a client.
 */
export const IPC_CHANNEL = { call: 'algospace:call', event: 'algospace:event' } as const;
export const FRAME = { call: 'call', result: 'result', event: 'event' } as const satisfies { [K in Frame['type']]: K };
export const WORKER_CONTROL = { shutdown: 'shutdown', closed: 'closed' } as const;
export const TOKEN_HEADER = 'x-algospace-token'; // browser mode: the session token's header (uploads; never a cookie)
