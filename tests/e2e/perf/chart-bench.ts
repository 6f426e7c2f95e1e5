// `npm run bench:chart`: how fluid the chart is on 1,000,000 one-minute bars, in Debian's Chromium
// against browser mode. Not a test (playwright.config.ts's testDir/testMatch never picks it up): a
// script that writes bench/chart.json and prints a table.
//
// The store: scripts/gen-chart-bars.ts's CSV (real NQ 1-minute bars tiled, see there) imported once
// with the CLI into .cache/bench-chart/store-v<GENERATOR_VERSION>.db (gitignored) and reused while the
// generator's version stays; each run copies it to a temporary folder.
//
// Measured in the page: first candles after the chart's first bars request (ms); frames
// (requestAnimationFrame intervals) while dragging and wheel-zooming at several zoom levels, all
// bars visible included (p95 and worst, worst over the levels); 1m → 5m → 1m switch, each from a
// settled chart (ms until the new timeframe's candles are drawn, worst); renderer heap (CDP Runtime.getHeapUsage: JS heap used +
// array buffer backing stores, MB, max over the run).
import { chromium, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, stopServer } from '../fixtures.ts';
import { GENERATOR_VERSION } from '../../../scripts/gen-chart-bars.ts';
import { installProbes, type Probes } from './chart-probes.ts';
import { diagnostics, profiled, profileLevel } from './chart-profile.ts';

const BARS = 1_000_000;
const CACHE = join(REPO, '.cache/bench-chart');
/** zoom levels (visible bars); CHART_LEVELS=30000,all runs only those (a quicker look, not the bench's numbers) */
const LEVELS = process.env.CHART_LEVELS?.split(',').map((v) => (v === 'all' ? Infinity : Number(v))) ?? [150, 2_000, 30_000, 200_000, Infinity];
/** CHART_CAP=262144: the chart holds at most that many bars (the rest pages in; zoomed out, the overview): its heap against the history's */
const CAP = Number(process.env.CHART_CAP ?? 0);

function preparedStore(): string {
  const db = join(CACHE, `store-v${GENERATOR_VERSION}.db`);
  if (existsSync(db)) return db;
  mkdirSync(CACHE, { recursive: true });
  const csv = join(CACHE, 'NQ_1min_bench.csv');
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status})`);
  };
  console.log(`preparing the store (once per generator version) in ${db} …`);
  run(['scripts/gen-chart-bars.ts', csv, String(BARS)]);
  const tmp = `${db}.tmp`;
  rmSync(tmp, { force: true });
  run(['src-main/cli/main.ts', 'import', csv, '--db', tmp, '--tz', 'America/New_York', '--instrument', 'NQ']);
  renameSync(tmp, db);
  return db;
}

async function startServer(dir: string): Promise<{ url: string; proc: ChildProcess }> {
  const sample = join(dir, 'no-sample');
  mkdirSync(sample);
  // CHART_RENDERER=DIR: a renderer built elsewhere (`npx electron-vite build --outDir DIR/..`), else out/renderer
  const renderer = process.env.CHART_RENDERER ? ['--renderer', process.env.CHART_RENDERER] : [];
  const proc = spawn(process.execPath, ['src-main/server/main.ts', '--port', '0', '--db', join(dir, 'bench.db'), '--sample', sample, ...renderer], {
    cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('server printed no URL within 60 s')), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\(browser mode\): (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]!); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited (${code})`)); });
  });
  return { url, proc };
}

const p95 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0; };
const max = (xs: number[]) => xs.reduce((m, x) => Math.max(m, x), 0);
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Wait until the chart holds all bars of `tf` (its older history loaded, none added for 2 s) and has its indicators. */
async function settled(page: Page, tf: string): Promise<number> {
  let last = -1, same = 0;
  for (let i = 0; i < 1200; i++) {
    const [n, ind] = await page.evaluate((t) => {
      const a = window.__algospace;
      const done = window.__algospaceChart?.complete() ?? true;
      return a?.timeframe() === t && done ? [a.barCount(), a.indicatorsReady()] as const : [0, false] as const;
    }, tf);
    same = n > 0 && n === last ? same + 1 : 0;
    if (same >= 4 && (ind || same >= 40)) return n;
    last = n;
    await page.waitForTimeout(500);
  }
  throw new Error(`the chart did not settle on ${tf}`);
}

async function drag(page: Page, probes: Probes, box: { x: number; y: number; width: number; height: number }): Promise<number[]> {
  const cx = box.x + box.width / 2, cy = box.y + box.height / 3;
  await page.mouse.move(cx, cy);
  await probes.start();
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) {
    const dx = (i <= 30 ? i : 60 - i) * 10; // 300 px one way and back
    await page.mouse.move(cx + dx, cy);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
  return probes.stop();
}

async function wheel(page: Page, probes: Probes, box: { x: number; y: number; width: number; height: number }): Promise<number[]> {
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 3);
  await probes.start();
  for (let i = 0; i < 24; i++) {
    await page.mouse.wheel(0, (Math.floor(i / 6) % 2 === 0 ? -1 : 1) * 100); // in, out, in, out
    await page.waitForTimeout(16);
  }
  return probes.stop();
}

interface Level { visible: number; overview?: true; drag_p95: number; drag_worst: number; wheel_p95: number; wheel_worst: number; heap_mb: number }

type ChartWindow = { overview: number; paging: boolean };
type Box = { x: number; y: number; width: number; height: number };

/** Drag, then wheel frames, the view set by `place` before each (the drag by `dragging`: profiled, say). */
async function frames(page: Page, probes: Probes, box: Box, place: () => Promise<unknown>,
  dragging = () => drag(page, probes, box)): Promise<Omit<Level, 'visible' | 'overview'>> {
  await place();
  await page.waitForTimeout(300);
  const d = await dragging();
  await place();
  await page.waitForTimeout(200);
  const w = await wheel(page, probes, box);
  return { drag_p95: r1(p95(d)), drag_worst: r1(max(d)), wheel_p95: r1(p95(w)), wheel_worst: r1(max(w)), heap_mb: await probes.heapMb() };
}

/**
 * With a cap below the history: zoomed out past the bars held, the ms until the overview (the whole
 * history as the store's buckets) is drawn, then drag and wheel frames with all of it in view.
 */
async function overviewLevel(page: Page, probes: Probes, box: Box): Promise<{ ms: number; overlaysMs: number; level: Level }> {
  const [ms, overlaysMs] = await page.evaluate(async () => {
    const w = () => (window.__algospace as unknown as { chartWindow(): ChartWindow }).chartWindow();
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const t0 = performance.now();
    const n = window.__algospaceChart!.bars();
    window.__algospaceChart!.setWindow(-10, n + 30);
    while (!(w().overview > 0 && !w().paging)) await new Promise((r) => setTimeout(r, 1));
    await frame(); // drawn
    const drawn = performance.now() - t0;
    while (!window.__algospace!.indicatorsReady()) await new Promise((r) => setTimeout(r, 1)); // its overlays
    await frame();
    return [drawn, performance.now() - t0];
  });
  const all = () => page.evaluate(() => window.__algospaceChart!.setWindow(0, window.__algospaceChart!.bars() - 1));
  return { ms, overlaysMs, level: { visible: BARS, overview: true, ...await frames(page, probes, box, all) } };
}

async function main(): Promise<void> {
  const store = preparedStore();
  const dir = mkdtempSync(join(tmpdir(), 'algospace-bench-chart-'));
  copyFileSync(store, join(dir, 'bench.db'));
  const { url, proc } = await startServer(dir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const probes = await installProbes(page);
    await page.goto(url);
    // the first frame in which the chart has indicator values on its bars (the newest rows come first)
    const overlays = page.evaluate(() => new Promise<number>((r) => {
      const poll = () => (window.__algospace?.indicatorsReady() ? r(performance.now() - window.__bench!.req) : requestAnimationFrame(poll));
      requestAnimationFrame(poll);
    }));
    let bars = await settled(page, '1m');
    const firstPaint = await probes.firstPaint();
    const firstOverlays = await overlays;
    if (CAP > 0) {
      await page.evaluate((c) => (window.__algospace as unknown as { setChartCap(n: number): void }).setChartCap(c), CAP);
      bars = await settled(page, '1m');
    }
    const box = (await page.locator('[data-testid="chart"] .u-over').boundingBox())!;
    if (await diagnostics(page, box, bars, LEVELS)) return; // CHART_KEYS / CHART_SHOTS / CHART_REDRAW (chart-profile.ts)
    const levels: Level[] = [];
    // with a cap below the history, nearly all the bars held in view is the overview's: measured on its own
    const fine = CAP > 0 && bars < BARS ? Math.floor(bars * 0.85) : bars;
    for (const k of LEVELS) {
      const visible = Math.min(k, fine);
      const place = () => page.evaluate((v) => { const n = window.__algospaceChart!.bars(); window.__algospaceChart!.setWindow(n - v, n + 4); }, visible);
      const profile = profileLevel() === k ? () => profiled(probes.cdp, join(CACHE, 'profile'), String(k), () => drag(page, probes, box)) : undefined;
      levels.push({ visible, ...await frames(page, probes, box, place, profile) });
    }
    const overview = CAP > 0 && bars < BARS ? await overviewLevel(page, probes, box) : null;
    if (overview) levels.push(overview.level);
    // each switch from a settled chart (a switch while the previous one still loads waits behind it)
    const switches = [await probes.switchTo('2', '5m')];
    await settled(page, '5m');
    switches.push(await probes.switchTo('1', '1m'));
    await settled(page, '1m');
    const heap = Math.max(...levels.map((l) => l.heap_mb), await probes.heapMb());
    const out = {
      bars,
      ...(CAP > 0 ? { cap: CAP } : {}),
      ...(overview ? { overview_ms: Math.round(overview.ms), overview_overlays_ms: Math.round(overview.overlaysMs) } : {}),
      first_paint_ms: Math.round(firstPaint),
      first_overlays_ms: Math.round(firstOverlays),
      drag_p95_frame_ms: max(levels.map((l) => l.drag_p95)),
      drag_worst_frame_ms: max(levels.map((l) => l.drag_worst)),
      wheel_p95_frame_ms: max(levels.map((l) => l.wheel_p95)),
      wheel_worst_frame_ms: max(levels.map((l) => l.wheel_worst)),
      timeframe_switch_ms: Math.round(max(switches)),
      renderer_heap_mb: Math.round(heap),
      levels,
      measured_at: new Date().toISOString(),
    };
    mkdirSync(join(REPO, 'bench'), { recursive: true });
    writeFileSync(join(REPO, 'bench/chart.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.table(levels);
    console.table({ bars, ...(overview ? { overview_ms: Math.round(overview.ms), overview_overlays_ms: Math.round(overview.overlaysMs) } : {}), first_paint_ms: out.first_paint_ms, first_overlays_ms: out.first_overlays_ms, timeframe_switch_ms: out.timeframe_switch_ms, renderer_heap_mb: out.renderer_heap_mb,
      drag_p95_frame_ms: out.drag_p95_frame_ms, drag_worst_frame_ms: out.drag_worst_frame_ms, wheel_p95_frame_ms: out.wheel_p95_frame_ms, wheel_worst_frame_ms: out.wheel_worst_frame_ms });
  } finally {
    await browser.close();
    await stopServer(proc);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
