// Which instruments hold indicator values made with other parameters than the ones in force.
import type { Db } from './handles.ts';

export function staleIndicatorSymbols(db: Db, configHash: string): string[] {
  return (db.prepare('SELECT DISTINCT i.symbol FROM indicator_values v JOIN instruments i ON i.id = v.instrument_id WHERE v.config_hash != ?')
    .all(configHash) as { symbol: string }[]).map((r) => r.symbol);
}
