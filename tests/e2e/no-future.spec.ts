// No future, ever (issue 12, points 4 and 5): whatever the renderer can get — bars of every
// timeframe, indicator values and FVG zones, trade markers, journal rows (with their fills), the
// run's decisions and positions, the chart's own candles and indicator values — is at or before the
// replay clock, and the two clocks on screen (toolbar, status strip) agree. Sampled at random (seeded)
// moments after each way the clock can move: a jump, playing at 100×, a jump back, a page reload
// during play, a timeframe switch, a profile switch, and a server restart followed by the resumed run.
//
// First an auto-approved run at max speed goes deep into the data, so the store holds markers,
// decisions and fills after the points the flows then jump back to: a read not cut at the clock
// shows them. Seed: NO_FUTURE_SEED (shown as an annotation; NO_FUTURE_TRACE=1 logs each sample).
// One test, its own server (it restarts it), rule path only as in trading.spec.ts (the same decisions
// on every run); leaks are soft assertions, so one run reports every leak of every flow.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Page } from '@playwright/test';
import { test, expect, startServer, stopServer, waitForBars, call, replayState, pauseReplay as pause, SCREENSHOTS, type Server } from './fixtures.ts';
import { rng } from '../../src-shared/rng.ts';

/** leaks and clock mismatches are soft: one run reports every one of them, from every flow */
const soft = expect.configure({ soft: true });

const SEED = Number(process.env.NO_FUTURE_SEED ?? 20131218);
const MIN = 60_000;
const TF_MS = { '1m': MIN, '5m': 5 * MIN, '30m': 30 * MIN } as const;
type Tf = keyof typeof TF_MS;

const rand = rng(SEED);
const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

let dir = '';
let server: Server | null = null;
const ruleOnly = (d: string) => ({ ALGOSPACE_MODEL: join(d, 'no-model.onnx') });
let symbol = '';
let tz = 'UTC';
/** stored 1-minute bar starts of the symbol (the whole history, read before any replay was loaded) */
let times: number[] = [];
/** where the deep run stopped */
let deepClock = 0;
let samples = 0;
const T0 = Date.now();
const mark = (what: string) => { if (process.env.NO_FUTURE_TRACE) console.log(`${((Date.now() - T0) / 1000).toFixed(1)}s ${what}`); };

test.afterAll(async () => {
  if (server) await stopServer(server.proc);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- what the page's hooks give (App.svelte: window.__algospace) ----

// values are read loosely here (the client validated them against the contract)
type CallRes = { ok: true; value: any } | { ok: false; problem: { message: string } };
interface Hooks {
  call(name: string, req: unknown): Promise<CallRes>;
  chartBars(): { symbol: string | null; timeframe: Tf; t: number[] };
  indicatorLastT(tf: '5m' | '30m'): number | null;
}

interface Snapshot {
  before: { status: string; clock: number | null; symbol: string | null };
  after: { status: string; clock: number | null; symbol: string | null };
  texts: { replay: string; status: string };
  chart: { symbol: string | null; timeframe: Tf; n: number; last: number | null; prev: number | null; sorted: boolean };
  rendererInd: { '5m': number | null; '30m': number | null };
  bars: Record<Tf, { n: number; last: number | null }>;
  frames: { timeframe: Tf; n: number; last: number | null }[];
  zones: { from: number; to: number | null; end: string | null }[];
  rangeFrames: { timeframe: Tf; n: number; last: number | null }[];
  rangeZones: { from: number; to: number | null; end: string | null }[];
  markers: { kind: string; t: number; ref: number }[];
  journal: { id: number; symbol: string; t: number; entry: number | null; exit: number | null }[];
  trading: { symbol: string | null; pending: { id: number; t: number }[]; positions: { id: number; entry: number; exit: number | null }[] };
}

/** Everything the renderer holds or can ask for, between two reads of the replay state. */
async function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(async () => {
    const a = window.__algospace as unknown as Hooks;
    const v = async (name: string, req: unknown) => {
      const r = await a.call(name, req);
      if (!r.ok) throw new Error(`${name}: ${r.problem.message}`);
      return r.value;
    };
    const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
    // the renderer's own state first: it was made at an engine clock ≤ the one read next
    const texts = { replay: text('replay-clock'), status: text('status-clock') };
    const cb = a.chartBars();
    let sorted = true;
    for (let i = 1; i < cb.t.length; i++) if (!(cb.t[i]! > cb.t[i - 1]!)) sorted = false;
    const chart = { symbol: cb.symbol, timeframe: cb.timeframe, n: cb.t.length, last: cb.t.at(-1) ?? null, prev: cb.t.at(-2) ?? null, sorted };
    const rendererInd = { '5m': a.indicatorLastT('5m'), '30m': a.indicatorLastT('30m') };
    const st = (s: { status: string; clock: number | null; symbol: string | null }) => ({ status: s.status, clock: s.clock, symbol: s.symbol });
    const before = st(await v('replay.get', {}));
    const sym = before.symbol ?? cb.symbol!;
    const lastOf = (t: number[]) => (t.length === 0 ? null : Math.max(...t));
    const [b1, b5, b30, ind, mk, jr, tr, indRange] = await Promise.all([
      v('bars.get', { symbol: sym, timeframe: '1m', limit: 1_000_000 }),
      v('bars.get', { symbol: sym, timeframe: '5m', limit: 1_000_000 }),
      v('bars.get', { symbol: sym, timeframe: '30m', limit: 1_000_000 }),
      v('indicators.get', { symbol: sym, timeframe: '1m', limit: 1_000_000 }),
      v('trading.markers', { symbol: sym }),
      v('trading.journal', { limit: 100_000 }),
      v('trading.get', {}),
      v('indicators.range', { symbol: sym, timeframe: '1m', columns: ['atr', 'fvg_bull', 'nwrqk', 'mmd_22'] }),
    ]);
    const after = st(await v('replay.get', {}));
    const bar = (b: { bars: { t: number[] } }) => ({ n: b.bars.t.length, last: lastOf(b.bars.t) });
    return {
      before, after, texts, chart, rendererInd,
      bars: { '1m': bar(b1), '5m': bar(b5), '30m': bar(b30) },
      frames: ind.frames.map((f: { timeframe: Tf; t: number[] }) => ({ timeframe: f.timeframe, n: f.t.length, last: lastOf(f.t) })),
      rangeFrames: indRange.frames.map((f: { timeframe: Tf; n: number; t: Float64Array }) => ({ timeframe: f.timeframe, n: f.n, last: lastOf(Array.from(f.t)) })),
      rangeZones: indRange.fvgZones.map((z: { from: number; to: number | null; end: string | null }) => ({ from: z.from, to: z.to, end: z.end })),
      zones: ind.fvgZones.map((z: { from: number; to: number | null; end: string | null }) => ({ from: z.from, to: z.to, end: z.end })),
      markers: mk.map((m: { kind: string; t: number; ref_id: number }) => ({ kind: m.kind, t: m.t, ref: m.ref_id })),
      journal: jr.rows.map((r: { decision: { id: number; symbol: string; t: number }; entry: { t: number } | null; exit: { t: number } | null }) =>
        ({ id: r.decision.id, symbol: r.decision.symbol, t: r.decision.t, entry: r.entry?.t ?? null, exit: r.exit?.t ?? null })),
      trading: {
        symbol: tr.symbol,
        pending: tr.pending.map((d: { id: number; t: number }) => ({ id: d.id, t: d.t })),
        positions: tr.positions.map((p: { id: number; entry_t: number; exit_t: number | null }) => ({ id: p.id, entry: p.entry_t, exit: p.exit_t })),
      },
    };
  });
}

const iso = (t: number | null) => (t === null ? 'null' : new Date(t).toISOString().replace('.000Z', 'Z'));
const fmtClock = (t: number) => new Intl.DateTimeFormat('sv-SE', {
  timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
}).format(t);

/**
 * One sample: everything is at or before the replay clock. While playing the clock moves during the
 * sample, so the bound is the clock read last (each read was cut at a clock no later than it); while
 * paused the clock is one value and the bound is exact.
 */
async function sample(page: Page, label: string): Promise<Snapshot> {
  const t0 = Date.now();
  const s = await snapshot(page);
  if (process.env.NO_FUTURE_TRACE) console.log(`${((Date.now() - T0) / 1000).toFixed(1)}s ${label}: ${Date.now() - t0} ms, clock ${iso(s.after.clock)} ${s.after.status}`);
  samples++;
  const where = `${label} (seed ${SEED})`;
  expect(s.before.symbol, `${where}: a replay is loaded`).toBe(symbol);
  expect(s.before.clock, `${where}: the replay has a clock`).not.toBeNull();
  const still = s.before.status !== 'playing' && s.after.status !== 'playing';
  if (still) expect(s.after.clock, `${where}: paused, the clock does not move`).toBe(s.before.clock);
  const clock = Math.max(s.before.clock!, s.after.clock!);
  const bad: string[] = [];
  const late = (what: string, t: number | null, known: number) => {
    if (t !== null && t + known > clock) bad.push(`${what}: ${iso(t)}${known ? ` + ${known / MIN}m` : ''} > clock ${iso(clock)}`);
  };
  // (a) stored bars, every timeframe: known at their end
  for (const tf of ['1m', '5m', '30m'] as const) late(`bars.get ${tf} last bar (of ${s.bars[tf].n})`, s.bars[tf].last, TF_MS[tf]);
  // (b) indicator values at their bar's end; FVG zones flagged (and ended) by the clock
  for (const f of s.frames) late(`indicators.get ${f.timeframe} last value (of ${f.n})`, f.last, TF_MS[f.timeframe]);
  for (const f of s.rangeFrames) late(`indicators.range ${f.timeframe} last value (of ${f.n})`, f.last, TF_MS[f.timeframe]);
  for (const [cmd, zones] of [['indicators.get', s.zones], ['indicators.range', s.rangeZones]] as const) {
    for (const z of zones) {
      late(`${cmd} fvg zone flagged`, z.from, TF_MS['5m']);
      if (z.to !== null) late(`${cmd} fvg zone from ${iso(z.from)} ${z.end} at`, z.to, TF_MS['5m']);
    }
  }
  // (c) markers, journal rows (the replayed symbol's; with their fills), the run's decisions and positions
  for (const m of s.markers) late(`trading.markers ${m.kind} #${m.ref}`, m.t, 0);
  for (const r of s.journal.filter((j) => j.symbol === symbol)) {
    late(`trading.journal decision #${r.id}`, r.t, 0);
    late(`trading.journal decision #${r.id} entry fill`, r.entry, 0);
    late(`trading.journal decision #${r.id} exit fill`, r.exit, 0);
  }
  if (s.trading.symbol === symbol) {
    for (const d of s.trading.pending) late(`trading.get pending decision #${d.id}`, d.t, 0);
    for (const p of s.trading.positions) {
      late(`trading.get position #${p.id} entry`, p.entry, 0);
      late(`trading.get position #${p.id} exit`, p.exit, 0);
    }
  }
  // (d) what the renderer holds: closed candles end by the clock, the forming one starts by it
  if (s.chart.symbol === symbol) {
    if (!s.chart.sorted) bad.push('chart: bar starts are not strictly increasing');
    late(`chart ${s.chart.timeframe} last (forming) candle start (of ${s.chart.n})`, s.chart.last, 0);
    late(`chart ${s.chart.timeframe} last closed candle`, s.chart.prev, TF_MS[s.chart.timeframe]);
    late('renderer 5m indicator value', s.rendererInd['5m'], TF_MS['5m']);
    late('renderer 30m indicator value', s.rendererInd['30m'], TF_MS['30m']);
  }
  soft(bad, `${where}: from after the replay clock ${iso(clock)} (${s.before.status})`).toEqual([]);
  // (e) the two clocks on screen: one value (read in one go, so they come from the same render)
  soft(s.texts.status, `${where}: status-strip clock vs toolbar clock`).toBe(s.texts.replay);
  if (still) await soft.poll(() => clockTexts(page), { timeout: 3_000, message: `${where}: the clocks show the replay clock` })
    .toEqual([fmtClock(clock), fmtClock(clock)]);
  return s;
}

async function clockTexts(page: Page): Promise<[string, string]> {
  return page.evaluate(() => {
    const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
    return [text('replay-clock'), text('status-clock')] as [string, string];
  });
}

/** Samples at `n` random moments `lo`…`hi` ms apart (while something runs). */
async function sampleAtRandom(page: Page, label: string, n: number, lo = 150, hi = 1_200): Promise<void> {
  for (let i = 0; i < n; i++) {
    await page.waitForTimeout(between(lo, hi));
    await sample(page, `${label} #${i + 1}`);
  }
}

/** A stored bar start between fractions `lo` and `hi` of the history (mid-data, not in a gap). */
const pickTime = (lo: number, hi: number) => times[between(Math.floor(times.length * lo), Math.floor(times.length * hi) - 1)]!;
const fieldValue = (t: number) => fmtClock(t).slice(0, 16).replace(' ', 'T');

/** Jump with the date field (exchange zone) and the Jump button; wait for the clock to land there. */
async function jumpTo(page: Page, t: number): Promise<void> {
  await page.getByTestId('replay-from').fill(fieldValue(t));
  await page.getByRole('button', { name: 'Jump' }).click();
  // the engine starts on the 30-minute boundary at or before the time asked for (and may play on)
  await expect.poll(async () => { const c = (await replayState(page)).clock; return c !== null && c > t - 30 * MIN && c < t + 10 * MIN; }, { timeout: 10_000 }).toBe(true);
}

async function play(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect.poll(async () => (await replayState(page)).status, { timeout: 10_000 }).toBe('playing');
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

// One retry: in about 2 of 12 local runs (sessions 5–12) the spec stalled until its timeout right after
// the deep run reached the end of the data — the replay had ended, and pause() clicked the disabled
// button until the timeout (it tolerates that since session 13; README, Known limits). A leak is not
// intermittent: it fails both tries.
test.describe.configure({ retries: 1 });

test('nothing from after the replay clock reaches the renderer, and the two clocks agree', async ({ page }) => {
  test.setTimeout(150_000);
  test.info().annotations.push({ type: 'seed', description: String(SEED) });
  dir = mkdtempSync(join(tmpdir(), 'algospace-e2e-nofuture-'));
  ({ server } = await startServer(dir, ruleOnly(dir)));
  const errors = watchErrors(page);
  await page.goto(server.url);
  mark('server up');
  await waitForBars(page);
  mark('bars');
  symbol = (await page.evaluate(() => (window.__algospace as unknown as Hooks).chartBars().symbol))!;
  const inst = (await call<{ symbol: string; exchangeTz: string }[]>(page, 'instruments.list', {})).find((i) => i.symbol === symbol)!;
  tz = inst.exchangeTz;
  expect((await replayState(page)).status).toBe('idle'); // nothing loaded yet: the whole history is readable
  times = (await call<{ bars: { t: number[] } }>(page, 'bars.get', { symbol, timeframe: '1m', limit: 1_000_000 })).bars.t;
  expect(times.length).toBeGreaterThan(1000);

  const deepJournal = await test.step('a deep run leaves markers, decisions and fills in the store', async () => {
    // auto-approved, at max speed, from the first stored bar to 80% of the data (the same every run:
    // the rule path decides), so there is stored history after the points jumped to below
    await call(page, 'trading.setProfile', { profile: 'active' });
    await call(page, 'trading.setAutoApprove', { on: true });
    await jumpTo(page, times[0]!);
    await page.getByTestId('speed-max').click();
    await play(page);
    await expect.poll(async () => (await replayState(page)).clock!, { timeout: 45_000, message: 'the deep run reaches 80% of the data' })
      .toBeGreaterThanOrEqual(times[Math.floor(times.length * 0.8)]!);
    await pause(page);
    const deep = await sample(page, 'deep run, paused');
    deepClock = deep.before.clock!;
    const rows = deep.journal.filter((j) => j.symbol === symbol);
    expect(rows.length, 'the deep run made decisions').toBeGreaterThan(0);
    expect(deep.markers.length, 'the deep run left markers').toBeGreaterThan(0);
    mark(`deep run: ${deep.markers.length} markers, journal ${JSON.stringify(rows.map((j) => [j.id, iso(j.t), iso(j.entry), iso(j.exit)]))}`);
    return rows;
  });

  await test.step('jump into a trade of the deep run', async () => {
    // its decision (and entry) before the clock, its exit after it
    const HALF = 30 * MIN;
    const across = deepJournal.filter((j) => j.exit !== null && Math.ceil(j.exit / HALF) - 1 > Math.floor(j.t / HALF));
    if (across.length === 0) {
      test.info().annotations.push({ type: 'note', description: 'the deep run has no trade across a 30-minute boundary to jump into' });
      return;
    }
    const j = across[between(0, across.length - 1)]!;
    await jumpTo(page, between(Math.floor(j.t / HALF) + 1, Math.ceil(j.exit! / HALF) - 1) * HALF);
    await sample(page, `paused inside deep-run trade #${j.id} (decision ${iso(j.t)}, entry ${iso(j.entry)}, exit ${iso(j.exit)})`);
  });

  await test.step('jump mid-data, play at 100×, pause; jump back while playing', async () => {
    await jumpTo(page, pickTime(0.4, 0.5));
    await sample(page, 'after a jump, paused');
    await page.getByTestId('speed-100').click();
    await play(page);
    await sampleAtRandom(page, 'playing at 100× after a jump', 3);
    await pause(page);
    await sample(page, 'paused after playing');
    // ... and back to an earlier point while playing (the chart must drop what came later)
    await play(page);
    await page.waitForTimeout(between(200, 800));
    await jumpTo(page, pickTime(0.36, 0.39));
    await sampleAtRandom(page, 'playing after a jump back', 2);
    await pause(page);
    await sample(page, 'paused after a jump back');
  });

  await test.step('page reload during a playing replay', async () => {
    await play(page);
    await page.waitForTimeout(between(200, 1_000));
    await page.reload();
    await waitForBars(page);
    await expect.poll(async () => (await replayState(page)).status).toBe('playing');
    await sampleAtRandom(page, 'playing after a reload', 3, 100, 900);
    await pause(page);
    await sample(page, 'paused after a reload');
  });

  await test.step('timeframe switch (keys 1/2/3) while paused mid-data', async () => {
    await jumpTo(page, pickTime(0.5, 0.6));
    await play(page);
    await page.waitForTimeout(between(300, 1_200));
    await pause(page);
    const keys = ['1', '2', '3'].sort(() => rand() - 0.5);
    for (const k of [...keys, keys[0]!]) {
      const tf = (['1m', '5m', '30m'] as const)[Number(k) - 1]!;
      await page.keyboard.press(k);
      await expect.poll(() => page.evaluate(() => window.__algospace!.timeframe())).toBe(tf);
      await page.waitForTimeout(between(0, 300));
      const s = await sample(page, `paused, timeframe ${tf}`);
      expect(s.chart.timeframe).toBe(tf);
      expect(s.chart.n, `the chart holds ${tf} bars`).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'no-future.png') });
  });

  await test.step('profile switch (spec ↔ active) while paused', async () => {
    const clockBefore = (await replayState(page)).clock!;
    for (const p of ['spec', 'active'] as const) {
      await page.getByTestId(`profile-${p}`).click();
      await expect(page.getByTestId(`profile-${p}`)).toHaveAttribute('aria-pressed', 'true');
      await sample(page, `paused, right after switching to the ${p} profile`);
      await page.waitForTimeout(between(200, 800));
      const s = await sample(page, `paused, a moment after switching to the ${p} profile`);
      // the engine re-warms from the 30-minute boundary at or before the clock: it may step back to it
      expect(s.before.clock!, 'a profile switch does not move the clock forward').toBeLessThanOrEqual(clockBefore);
      expect(s.before.clock!).toBeGreaterThan(clockBefore - 30 * MIN);
    }
    await play(page);
    await sampleAtRandom(page, 'playing after the profile switches', 2);
    await pause(page);
  });
  soft(errors.filter((e) => !/favicon/.test(e)), 'page errors before the restart').toEqual([]);

  await test.step('server restart with a replay loaded, then Play resumes the run', async () => {
    const t = pickTime(0.55, 0.65);
    await jumpTo(page, t);
    // a few steps committed (at max speed), so the run can be resumed; then at 100× until the restart
    await page.getByTestId('speed-max').click();
    await play(page);
    await expect.poll(async () => (await replayState(page)).clock!, { timeout: 20_000 }).toBeGreaterThan(t + 40 * MIN);
    await page.getByTestId('speed-100').click();
    await page.waitForTimeout(between(100, 800));
    mark('restart');
    await stopServer(server!.proc);
    ({ server } = await startServer(dir, ruleOnly(dir)));
    await page.goto(server.url);
    errors.length = 0; // the old page lost its server: only what the new one logs counts
    await waitForBars(page);
    mark('restarted');
    // nothing is loaded after a restart: neither clock shows a time, and both show the same placeholder
    expect((await replayState(page)).clock).toBeNull();
    const [a, b] = await clockTexts(page);
    expect([a, b].some((x) => /\d/.test(x))).toBe(false);
    expect(a).toBe(b);
    // Play without a date resumes the interrupted run
    await expect(page.getByTestId('run-resumable')).toContainText(/resume run #\d+/);
    await play(page);
    await expect(page.getByTestId('run-resumed')).toContainText(/resumed after the restart/);
    await sample(page, 'playing right after the resume');
    await sampleAtRandom(page, 'playing the resumed run', 3);
    await pause(page);
    const s = await sample(page, 'the resumed run, paused');
    expect(s.before.clock!, 'the resumed run is before the deep run end').toBeLessThan(deepClock);
  });
  test.info().annotations.push({ type: 'samples', description: String(samples) });
  expect(errors.filter((e) => !/favicon/.test(e)), 'page errors after the restart').toEqual([]);
});
