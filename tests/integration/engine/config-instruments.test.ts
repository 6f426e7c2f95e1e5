// The config's `instruments:` list and `risk.fx_rates` mapping through the config service and the
// app's config editor: definitions replace or add entries and keep the file; the editor's line patch
// keeps lists and one-line mappings instead of rewriting the file; the form shows them read-only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import { ConfigService } from '../../../src-main/engine/config/config-service.ts';
import { configJsonSchema } from '../../../src-main/engine/config/schema-json.ts';
import { patchYaml } from '../../../src-renderer/lib/config/yaml-patch.ts';
import { allFields, buildForm } from '../../../src-renderer/lib/config/schema-form.ts';
import type { Tree } from '../../../src-renderer/lib/config/tree.ts';
import type { UserInstrumentInput } from '../../../src-shared/ipc-instruments.ts';

let dir: string;
let db: WriteDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-cfg-inst-'));
  db = openDb(join(dir, 'a.db'));
});
afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

const EURUSD: UserInstrumentInput = {
  symbol: 'EURUSD', kind: 'fx', exchange_tz: 'America/New_York', tick_size: 0.00001, point_value: 1, currency: 'USD',
  calendar: 'fx-24x5', commission: { kind: 'bps', bps: 0.2, min_per_order: 2 },
};

describe('instruments in config.yaml', () => {
  it('a definition is added, a second one of the same symbol replaces it; comments and other keys stay', () => {
    const path = join(dir, 'config.yaml');
    writeFileSync(path, '# mine\nrisk:\n  stop_atr: 3 # wider\n  fx_rates: {EUR: 1.08}\ninstruments: []\n');
    const svc = new ConfigService({ path, db, env: {} });
    expect(svc.defineInstrument(EURUSD).ok).toBe(true);
    expect(svc.defineInstrument({ ...EURUSD, symbol: 'ADABTC', kind: 'crypto', tick_size: 1e-8, currency: 'BTC', exchange_tz: 'UTC' }).ok).toBe(true);
    expect(svc.defineInstrument({ ...EURUSD, tick_size: 0.0001 }).ok).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('# mine');
    expect(text).toContain('stop_atr: 3 # wider');
    expect(svc.config.instruments.map((u) => [u.symbol, u.tick_size])).toEqual([['EURUSD', 0.0001], ['ADABTC', 1e-8]]);
    expect(svc.config.risk.fx_rates).toEqual({ EUR: 1.08 });
    expect(new ConfigService({ path, db, env: {} }).config.instruments).toEqual(svc.config.instruments);
  });

  it('an entry with a typo or an unknown zone is refused, naming the entry field', () => {
    const path = join(dir, 'config.yaml');
    const svc = new ConfigService({ path, db, env: {} });
    const typo = svc.validate('instruments:\n  - symbol: X\n    kind: fx\n    exchange_tz: UTC\n    tick: 0.1\n    tick_size: 0.1\n    point_value: 1\n    currency: USD\n    calendar: fx-24x5\n    commission: {kind: bps, bps: 1}\n');
    expect(typo.problems.map((p) => [p.field, p.line])).toEqual([['instruments.0.tick', 5]]);
    const r = svc.defineInstrument({ ...EURUSD, exchange_tz: 'Europe/Nowhere' });
    expect(!r.ok && r.problem).toMatchObject({ field: 'exchange_tz', code: 'config-bad-zone' });
    const twice = svc.validate(`instruments:\n  - ${JSON.stringify(EURUSD)}\n  - ${JSON.stringify(EURUSD)}\n`);
    expect(twice.problems.map((p) => p.field)).toEqual(['instruments.1.symbol']);
  });
});

describe('the config editor with lists and mappings', () => {
  it('patches other keys line by line around an instruments list and a one-line fx_rates', () => {
    const text = '# keep\nrisk:\n  stop_atr: 2 # why\n  fx_rates: {EUR: 1.08}\ninstruments:\n  - symbol: ADABTC\n    commission:\n      kind: bps\n      bps: 10\nlogging:\n  level: info\n';
    const out = patchYaml(text, [{ path: 'risk.stop_atr', value: 3 }, { path: 'logging.max_file_mb', value: 5 }, { path: 'exec.slippage_ticks', value: 2 }]);
    expect(out).toBe('# keep\nrisk:\n  stop_atr: 3 # why\n  fx_rates: {EUR: 1.08}\ninstruments:\n  - symbol: ADABTC\n    commission:\n      kind: bps\n      bps: 10\nlogging:\n  level: info\n  max_file_mb: 5\nexec:\n  slippage_ticks: 2\n');
    // the list itself is never patched as a scalar
    expect(patchYaml(text, [{ path: 'instruments', value: [] }])).toBeNull();
    expect(patchYaml('instruments: []\nrisk:\n  fx_rates: {}\n', [{ path: 'risk.stop_atr', value: 3 }])).toBe('instruments: []\nrisk:\n  fx_rates: {}\n  stop_atr: 3\n');
  });

  it('shows fx_rates as a read-only list field, not a text box', () => {
    const fields = allFields(buildForm(configJsonSchema() as Tree));
    expect(fields.find((f) => f.path === 'risk.fx_rates')?.input).toBe('list');
    expect(fields.filter((f) => f.input === 'text').map((f) => f.path)).toEqual(['risk.account_currency']);
  });
});
