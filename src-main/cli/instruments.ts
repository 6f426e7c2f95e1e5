// `instruments [--json] [--config <path>]`: the instruments the app knows, the catalogue's then the
// config's (which win for a symbol both define), as an aligned table or as JSON (one array of specs).
import { parseArgs, UsageError } from './args.ts';
import { cliConfig } from './file-args.ts';
import { INSTRUMENTS, resolveInstrument } from '../../src-shared/instruments.ts';
import type { CommissionModel, InstrumentSpec } from '../../src-shared/instruments/types.ts';

/** 0.0000005 as written, not 5e-7 (String() switches to exponents below 1e-6) */
const num = (x: number): string => (x !== 0 && Math.abs(x) < 1e-6 ? x.toFixed(12).replace(/0+$/, '') : String(x));

const HEAD = ['symbol', 'name', 'kind', 'exchange', 'tick', 'point value', 'currency', 'quantity step', 'commission', 'calendar', 'from'];

/** e.g. `per contract: config`, `0.005/share (min 1, max 1%)`, `2 bps (min 0)` */
export function commissionText(c: CommissionModel, currency: string): string {
  switch (c.kind) {
    case 'per_contract': return c.perSide === null ? 'per contract: exec.commission_per_contract' : `${c.perSide} ${currency}/contract/side`;
    case 'per_share': return `${c.perShare} ${currency}/share (min ${c.minPerOrder}, max ${c.maxPctOfValue * 100}%)`;
    case 'bps': return `${c.bps} bps (min ${c.minPerOrder} ${currency})`;
  }
}

export function runInstruments(argv: string[], write: (s: string) => void = (s) => { process.stdout.write(s); }): number {
  const a = parseArgs(argv, ['config'], ['json']);
  if (a.positionals.length) throw new UsageError('instruments takes no file');
  const config = cliConfig(a);
  const user = config.instruments.map((u) => resolveInstrument(u.symbol, config.instruments)).filter((s): s is InstrumentSpec => s !== undefined);
  const mine = new Set(user.map((s) => s.symbol));
  const all = [
    ...INSTRUMENTS.filter((s) => !mine.has(s.symbol)).map((spec) => ({ spec, from: 'catalogue' })),
    ...user.map((spec) => ({ spec, from: 'config' })),
  ];
  if (a.flags.get('json') === true) {
    write(`${JSON.stringify(all.map(({ spec, from }) => ({ ...spec, from })))}\n`);
    return 0;
  }
  const rows = all.map(({ spec: s, from }) => [
    s.symbol, s.name, s.kind, s.exchange, num(s.tickSize), num(s.pointValue), s.currency, num(s.quantityStep),
    commissionText(s.commission, s.currency), s.calendar, from,
  ]);
  const width = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join('  ').trimEnd();
  write([line(HEAD), ...rows.map(line)].join('\n') + '\n');
  return 0;
}
