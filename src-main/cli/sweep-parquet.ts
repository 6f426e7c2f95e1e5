// `sweep … --parquet <dir>`: the sweep's tasks and trades as two Parquet files (store/sweep-parquet.ts).
import type { Db } from '../store/db.ts';
import { writeSweepParquet } from '../store/sweep-parquet.ts';

export async function writeParquet(db: Db, sweepId: number, dir: string): Promise<void> {
  const r = await writeSweepParquet(db, sweepId, dir);
  process.stderr.write(`sweep: parquet: ${r.taskRows} task(s) → ${r.tasks}; ${r.tradeRows} trade(s) → ${r.trades}\n`);
}
