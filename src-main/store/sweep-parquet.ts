// A sweep's results as Parquet (issue 15), so that DuckDB, pandas or Spark read them as they are: one file
// of tasks (one column per swept key, one per report metric, the interval as _lo/_hi) and one of trades
// (keyed by task_hash and seq). Written through DuckDB's Node API: rows appended to an in-memory table,
// then COPY … (FORMAT parquet). Times are kept as ms since the epoch (as every JSON of ours has them) and
// also as UTC timestamps (`*_time`) for the readers that plot them.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { SWEEP_METRICS } from '../../src-shared/sweep.ts';
import type { Db } from './handles.ts';
import { sweepById, sweepTasks, sweepTaskTrades, type SweepTaskRow } from './sweeps.ts';
import type { ReportTrade } from '../../src-shared/report.ts';

type ColType = 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'VARCHAR';
interface Col<R> { name: string; type: ColType; get: (r: R) => number | string | null }

export interface ParquetExport { tasks: string; trades: string; taskRows: number; tradeRows: number }

export async function writeSweepParquet(db: Db, sweepId: number, dir: string): Promise<ParquetExport> {
  const sweep = sweepById(db, sweepId);
  if (!sweep) throw new Error(`no sweep ${sweepId} in the store`);
  const rows = sweepTasks(db, sweepId);
  const params = rows.map((r) => JSON.parse(r.params_json) as Record<string, unknown>);
  const metrics = rows.map((r) => (r.metrics_json ? JSON.parse(r.metrics_json) : null) as Record<string, unknown> | null);
  const keys = [...new Set(params.flatMap((p) => Object.keys(p)))];
  const idx = new Map(rows.map((r, i) => [r, i]));
  const taskCols: Col<SweepTaskRow>[] = [
    { name: 'sweep_id', type: 'INTEGER', get: () => sweepId }, { name: 'sweep_name', type: 'VARCHAR', get: () => sweep.name },
    { name: 'task_hash', type: 'VARCHAR', get: (r) => r.task_hash }, { name: 'idx', type: 'INTEGER', get: (r) => r.idx },
    { name: 'data_file', type: 'VARCHAR', get: (r) => r.data_file }, { name: 'fold', type: 'INTEGER', get: (r) => r.fold },
    { name: 'window_from', type: 'BIGINT', get: (r) => r.window_from }, { name: 'window_to', type: 'BIGINT', get: (r) => r.window_to },
    ...keys.map((k): Col<SweepTaskRow> => paramCol(k, params.map((p) => p[k]), (r) => params[idx.get(r)!]![k])),
    { name: 'params_json', type: 'VARCHAR', get: (r) => r.params_json },
    { name: 'status', type: 'VARCHAR', get: (r) => r.status }, { name: 'error', type: 'VARCHAR', get: (r) => r.error },
    ...SWEEP_METRICS.flatMap((m): Col<SweepTaskRow>[] => {
      const v = (r: SweepTaskRow) => metrics[idx.get(r)!]?.[m] ?? null;
      if (m !== 'expectancy_r_ci95') return [{ name: m, type: 'DOUBLE', get: (r) => num(v(r)) }];
      return [{ name: `${m}_lo`, type: 'DOUBLE', get: (r) => num((v(r) as number[] | null)?.[0]) },
        { name: `${m}_hi`, type: 'DOUBLE', get: (r) => num((v(r) as number[] | null)?.[1]) }];
    }),
  ];
  type T = ReportTrade & { task_hash: string; idx: number; seq: number };
  const trades: T[] = rows.flatMap((r) => sweepTaskTrades(db, r.id).map((t, seq) => ({ ...t, task_hash: r.task_hash, idx: r.idx, seq })));
  const tradeCols: Col<T>[] = [
    { name: 'sweep_id', type: 'INTEGER', get: () => sweepId }, { name: 'task_hash', type: 'VARCHAR', get: (t) => t.task_hash },
    { name: 'idx', type: 'INTEGER', get: (t) => t.idx }, { name: 'seq', type: 'INTEGER', get: (t) => t.seq },
    { name: 'decision_id', type: 'BIGINT', get: (t) => t.decision_id }, { name: 'pattern', type: 'VARCHAR', get: (t) => t.pattern },
    { name: 'direction', type: 'INTEGER', get: (t) => t.direction }, { name: 'path', type: 'VARCHAR', get: (t) => t.path },
    { name: 'p', type: 'DOUBLE', get: (t) => t.p }, { name: 'size', type: 'DOUBLE', get: (t) => t.size },
    { name: 'entry_t', type: 'BIGINT', get: (t) => t.entry_t }, { name: 'entry_price', type: 'DOUBLE', get: (t) => t.entry_price },
    { name: 'exit_t', type: 'BIGINT', get: (t) => t.exit_t }, { name: 'exit_price', type: 'DOUBLE', get: (t) => t.exit_price },
    { name: 'exit_kind', type: 'VARCHAR', get: (t) => t.exit_kind }, { name: 'pnl', type: 'DOUBLE', get: (t) => t.pnl },
    { name: 'risk_money', type: 'DOUBLE', get: (t) => t.risk_money }, { name: 'r', type: 'DOUBLE', get: (t) => t.r },
    { name: 'bars', type: 'INTEGER', get: (t) => t.bars },
  ];
  mkdirSync(dir, { recursive: true });
  const out = { tasks: resolve(join(dir, `sweep-${sweepId}-tasks.parquet`)), trades: resolve(join(dir, `sweep-${sweepId}-trades.parquet`)) };
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    await toParquet(con, 'tasks', taskCols, rows, out.tasks, ['window_from', 'window_to']);
    await toParquet(con, 'trades', tradeCols, trades, out.trades, ['entry_t', 'exit_t']);
  } finally {
    con.closeSync();
    inst.closeSync();
  }
  return { ...out, taskRows: rows.length, tradeRows: trades.length };
}

/** A swept key's column: DOUBLE when every value is a number (or null), else the values as JSON text. */
function paramCol<R>(key: string, values: unknown[], get: (r: R) => unknown): Col<R> {
  const numeric = values.every((v) => v === null || v === undefined || typeof v === 'number');
  return numeric
    ? { name: key, type: 'DOUBLE', get: (r) => num(get(r)) }
    : { name: key, type: 'VARCHAR', get: (r) => { const v = get(r); return v === undefined ? null : JSON.stringify(v); } };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const quoteId = (s: string) => `"${s.replaceAll('"', '""')}"`;
const quoteStr = (s: string) => `'${s.replaceAll("'", "''")}'`;

async function toParquet<R>(con: DuckDBConnection, table: string, cols: Col<R>[], rows: readonly R[], path: string, msCols: string[]): Promise<void> {
  await con.run(`CREATE TABLE ${table} (${cols.map((c) => `${quoteId(c.name)} ${c.type}`).join(', ')})`);
  const app = await con.createAppender(table);
  for (const r of rows) {
    for (const c of cols) append(app, c.type, c.get(r));
    app.endRow();
  }
  app.closeSync();
  const times = msCols.map((c) => `epoch_ms(${quoteId(c)}) AS ${quoteId(c.replace(/_t$/, '') + '_time')}`);
  await con.run(`COPY (SELECT *, ${times.join(', ')} FROM ${table}) TO ${quoteStr(path)} (FORMAT parquet)`);
}

function append(app: DuckDBAppender, type: ColType, v: number | string | null): void {
  if (v === null) return app.appendNull();
  switch (type) {
    case 'BIGINT': return app.appendBigInt(BigInt(v as number));
    case 'INTEGER': return app.appendInteger(v as number);
    case 'DOUBLE': return app.appendDouble(v as number);
    case 'VARCHAR': return app.appendVarchar(String(v));
  }
}
