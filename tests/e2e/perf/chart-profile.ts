// Opt-in diagnostics of the chart bench (chart-bench.ts); none of them is part of its numbers.
// - `CHART_PROFILE=30000 npm run bench:chart` (`all`: all bars visible) records a CDP CPU profile and a
//   trace around the drag at that zoom level, writes both under .cache/bench-chart/profile/ (open them
//   in Chromium's DevTools) and prints per frame: functions by self and total time, and the renderer
//   main thread's trace events by self time (script, canvas rasterisation = DoUpdateLayers, layout,
//   paint) with the main frames' durations. `CHART_PROFILE_CPU=0`: the trace alone (the sampler slows
//   script). Profiling slows the frames it measures.
// - `diagnostics` below: overlay hotkeys, screenshots per zoom level, redraw cost per zoom level.
// `CHART_LEVELS=30000,all` limits the zoom levels; `CHART_RENDERER=DIR` serves another renderer build.
import type { CDPSession, Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }
interface TraceEvent { name: string; cat: string; ph: string; dur?: number; tid: number; pid: number; ts: number; args?: { name?: string } }

/** The zoom level to profile (visible bars), from CHART_PROFILE; null when not asked. */
export function profileLevel(): number | null {
  const v = process.env.CHART_PROFILE;
  if (!v) return null;
  return v === 'all' ? Infinity : Number(v);
}

const TRACE_CATS = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'cc', 'gpu', 'disabled-by-default-devtools.timeline.frame'];

/** Runs `gesture` under the CPU profiler and a trace; prints where the main thread's time went. */
export async function profiled<T>(cdp: CDPSession, dir: string, tag: string, gesture: () => Promise<T>): Promise<T> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => { events.push(...(e.value as TraceEvent[])); };
  cdp.on('Tracing.dataCollected', onData);
  // CHART_PROFILE_CPU=0: the trace alone (the sampling profiler slows script by a third or more)
  const cpu = process.env.CHART_PROFILE_CPU !== '0';
  if (cpu) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  }
  await cdp.send('Tracing.start', { categories: TRACE_CATS.join(','), transferMode: 'ReportEvents' });
  if (cpu) await cdp.send('Profiler.start');
  const t0 = Date.now();
  const out = await gesture();
  const ms = Date.now() - t0;
  const profile = cpu ? (await cdp.send('Profiler.stop') as { profile: Profile }).profile : null;
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  mkdirSync(dir, { recursive: true });
  if (profile) writeFileSync(join(dir, `drag-${tag}.cpuprofile`), JSON.stringify(profile));
  writeFileSync(join(dir, `drag-${tag}.trace.json`), JSON.stringify({ traceEvents: events }));
  const frames = Array.isArray(out) ? out.length : 0;
  console.log(`\nprofile of the drag at ${tag} visible bars: ${ms} ms wall, ${frames} frames (files in ${dir})`);
  if (profile) summariseProfile(profile, Math.max(1, frames));
  summariseTrace(events, Math.max(1, frames));
  return out;
}

function summariseProfile(p: Profile, frames: number): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  const key = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let a: number | undefined = id; a !== undefined; a = parent.get(a)) {
      const k = key(byId.get(a)!);
      if (seen.has(k)) continue; // recursion counts once
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, ms]) => row(ms, frames, name)).join('\n');
  console.log(`CPU profile, self time (top 25):\n${top(selfBy, 25)}`);
  console.log(`CPU profile, total time (top 40):\n${top(totalBy, 40)}`);
}

const row = (ms: number, frames: number, name: string) => `  ${(ms / frames).toFixed(2).padStart(7)} ms/frame  ${ms.toFixed(0).padStart(6)} ms  ${name}`;

/**
 * The renderer main thread's time by event, self time (nested events subtracted), per frame; and the
 * main frames (BeginMainFrame) by duration: the slow ones are what the p95 sees.
 */
function summariseTrace(events: TraceEvent[], frames: number): void {
  const threads = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const xs = events.filter((e) => e.ph === 'X' && e.dur !== undefined && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const child = new Map<TraceEvent, number>();
  const stack: TraceEvent[] = [];
  const selfBy = new Map<string, number>();
  for (const e of xs) {
    while (stack.length && stack.at(-1)!.ts + stack.at(-1)!.dur! <= e.ts) stack.pop();
    const p = stack.at(-1);
    if (p) child.set(p, (child.get(p) ?? 0) + e.dur!);
    stack.push(e);
  }
  for (const e of xs) selfBy.set(e.name, (selfBy.get(e.name) ?? 0) + (e.dur! - (child.get(e) ?? 0)) / 1000);
  console.log(`trace, renderer main thread, self time (top 16):\n${[...selfBy].sort((a, b) => b[1] - a[1]).slice(0, 16).map(([n, ms]) => row(ms, frames, n)).join('\n')}`);
  const main = xs.filter((e) => e.name === 'ProxyMain::BeginMainFrame').map((e) => e.dur! / 1000).sort((a, b) => a - b);
  const q = (f: number) => main[Math.min(main.length - 1, Math.floor(main.length * f))]?.toFixed(1);
  console.log(`main frames: ${main.length}, duration p50 ${q(0.5)} / p90 ${q(0.9)} / p95 ${q(0.95)} / max ${q(1)} ms`);
}

/**
 * `CHART_REDRAW=1`: the cost of one pan step at each zoom level without the frame clock — the window
 * moved by a few bars (as a drag does), then every canvas read back (getImageData forces the
 * recorded drawing to be rasterised): script + rasterisation in ms, median and max of `steps`.
 * Steadier than frame intervals on a loaded machine; keys (overlay hotkeys) toggle what is drawn.
 */
export async function redrawCost(page: Page, visible: number, steps = 40): Promise<{ median: number; max: number; script: number }> {
  const [ts, js] = await page.evaluate(async ([v, k]) => {
    const hook = window.__algospaceChart!;
    const n = hook.bars();
    const canvases = [...document.querySelectorAll('canvas')].map((c) => c.getContext('2d')!);
    const out: number[] = [], script: number[] = [];
    const per = Math.max(1, v / 140); // a 10 px mouse step at 1,400 px
    for (let i = 0; i < k; i++) {
      const d = (i % 20 < 10 ? i % 20 : 20 - (i % 20)) * per;
      const t0 = performance.now();
      hook.setWindow(n - v - d, n + 4 - d);
      await Promise.resolve(); // uPlot commits in a microtask
      await Promise.resolve();
      script.push(performance.now() - t0);
      for (const c of canvases) c.getImageData(0, 0, 1, 1);
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    return [out, script];
  }, [visible, steps] as const);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { median: med(ts), max: Math.max(...ts), script: med(js) };
}

/**
 * Opt-in looks at the settled chart, before the bench's gestures: `CHART_KEYS=nf` presses those
 * overlay hotkeys first (toggling what is drawn, for the profile too); `CHART_SHOTS=DIR` saves a
 * screenshot per zoom level; `CHART_REDRAW=1` (or =fnlm: then each of those keys toggled in turn)
 * prints redrawCost per zoom level. True when the run should stop there (shots, redraw).
 */
export async function diagnostics(page: Page, box: { x: number; y: number; width: number; height: number }, bars: number, levels: readonly number[]): Promise<boolean> {
  for (const k of process.env.CHART_KEYS ?? '') { await page.keyboard.press(k); await page.waitForTimeout(200); }
  const shots = process.env.CHART_SHOTS;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    for (const k of levels) {
      const v = Math.min(k, bars);
      await page.evaluate((n) => { const c = window.__algospaceChart!; c.setWindow(c.bars() - n, c.bars() + 4); }, v);
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.3);
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(shots, `chart-${v}.png`) });
    }
    return true;
  }
  const redraw = process.env.CHART_REDRAW;
  if (!redraw) return false;
  for (const key of ['', ...redraw.replace(/^1$/, '')]) {
    if (key) { await page.keyboard.press(key); await page.waitForTimeout(500); }
    const row: Record<string, string> = {};
    for (const k of levels) {
      const r = await redrawCost(page, Math.min(k, bars));
      row[String(Math.min(k, bars))] = `${r.median.toFixed(1)} (script ${r.script.toFixed(1)}) / ${r.max.toFixed(0)}`;
    }
    console.log(`redraw ms, median (script alone) / max, ${key ? `after '${key}'` : 'as loaded'}:`, JSON.stringify(row));
  }
  return true;
}
