// The report as ONE self-contained HTML file: uPlot (its minified script and stylesheet, read from the
// installed package) and the report's JSON are inlined, nothing is fetched. Plots: equity, drawdown, R
// per trade, calibration; then the tables of the text summary and the trade list. Every string taken
// from the report is escaped; the JSON is embedded so that no "</script>" can close its element.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RunReport } from '../../../src-shared/report.ts';
import {
  BREAKDOWNS, STAT_COLUMNS, baselineRows, breakdownRows, fixed, headline, iso, pct, signed, valueAdded,
} from './format.ts';

/** Trades listed in the HTML at most (the JSON and the plots keep them all). */
const MAX_TRADE_ROWS = 2000;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside a <script> element: no "<" (so no "</script>" or "<!--"), no line separators. */
export function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** uPlot's script and stylesheet as installed (node_modules/uplot/dist). */
export function uplotAssets(): { js: string; css: string } {
  const require = createRequire(import.meta.url);
  const read = (f: string) => readFileSync(require.resolve(`uplot/dist/${f}`), 'utf8');
  // a script's text must not contain its own end tag
  return { js: read('uPlot.iife.min.js').replace(/<\/script/gi, '<\\/script'), css: read('uPlot.min.css') };
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

/** a stored price without its float tail (47309.299999999996 → 47309.3) */
const num = (x: number): string => String(Number(x.toPrecision(12)));

function tradeRows(r: RunReport): string[][] {
  return r.trades_list.slice(0, MAX_TRADE_ROWS).map((t) => [
    String(t.decision_id), iso(t.entry_t), iso(t.exit_t), t.direction === 1 ? 'long' : 'short', t.pattern, t.path,
    t.p === null ? '' : t.p.toFixed(3), String(t.size), num(t.entry_price), num(t.exit_price), t.exit_kind,
    signed(t.pnl, 2), signed(t.r, 2), String(t.bars),
  ]);
}

function body(r: RunReport): string {
  const u = r.run, b = r.baselines, parts: string[] = [];
  parts.push(`<h1>Run ${u.id}: ${escapeHtml(`${u.symbol} ${u.timeframe}`)}</h1>`);
  parts.push(`<p>${escapeHtml(`${u.source} · profile ${u.profile} · model ${u.model ?? 'none (rule path)'}${u.auto_approve ? ' · auto-approve' : ''}`
    + ` · ${iso(u.first_t)} → ${iso(u.last_t)} UTC · ${u.steps} steps${u.finished_at === null ? ' (unfinished)' : ''} · money in ${u.currency}`)}</p>`);
  parts.push(table(['metric', 'value'], headline(r)));
  parts.push('<h2>Equity and drawdown</h2><div id="equity"></div><div id="drawdown"></div>');
  parts.push('<h2>R per trade</h2><div id="rhist"></div>');
  parts.push(`<h2>Baselines</h2><p>${escapeHtml(`Every synergy re-traded on its own: ${b.retraded} of ${b.synergies}. `
    + `Rule only: ${b.rule_only.rule}. Decision value added (selected − take all, per synergy): ${valueAdded(r)}.`)}</p>`);
  parts.push(table(['', ...STAT_COLUMNS], baselineRows(r)));
  for (const [label, key] of BREAKDOWNS) {
    if (r[key].length) parts.push(`<h2>By ${escapeHtml(label)}</h2>`, table([label, ...STAT_COLUMNS], breakdownRows(r[key])));
  }
  parts.push('<h2>Calibration</h2><div id="calibration"></div>');
  parts.push(table(['p', 'n', 'mean p', 'won'], r.calibration.map((c) => [
    `${c.p_lo.toFixed(1)}–${c.p_hi.toFixed(1)}`, String(c.n), fixed(c.mean_p, 3), pct(c.hit_rate),
  ])));
  parts.push(`<h2>Trades (${r.trades_list.length})</h2>`);
  parts.push(table(['decision', 'entry (UTC)', 'exit (UTC)', 'side', 'pattern', 'path', 'p', 'size', 'entry', 'exit', 'exit kind', 'pnl', 'R', 'bars'], tradeRows(r)));
  if (r.trades_list.length > MAX_TRADE_ROWS) parts.push(`<p>First ${MAX_TRADE_ROWS} trades listed; all are in the embedded JSON.</p>`);
  parts.push(`<h2>Notes</h2><ul>${r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  return parts.join('\n');
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:20px;color:#1f2328}table{border-collapse:collapse;margin:8px 0 16px}
td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
th{background:#f6f8fa}h2{margin-top:28px}`;

/** Builds the plots from the embedded report (runs in the browser). */
const PLOTS = `(() => {
const D = JSON.parse(document.getElementById('report-data').textContent);
const W = Math.max(480, Math.min(1100, document.body.clientWidth - 40));
const el = (id) => document.getElementById(id);
const ts = D.equity.t.map((t) => t / 1000);
const line = (id, title, ys, label, stroke, fill) => { if (ts.length) new uPlot({ title, width: W, height: 260,
  axes: [{}, { size: 80 }], series: [{}, { label, stroke, fill, width: 1.5, points: { show: false } }] }, [ts, ys], el(id)); };
line('equity', 'Equity, marked to market at each step close', D.equity.equity, 'equity', '#1f6feb');
line('drawdown', 'Drawdown from the running peak', D.equity.drawdown, 'drawdown', '#d1242f', 'rgba(209,36,47,0.15)');
const rs = D.trades_list.map((t) => t.r);
if (rs.length) {
  const w = 0.25, lo = Math.floor(Math.min(...rs) / w), hi = Math.floor(Math.max(...rs) / w);
  const xs = [], ns = [];
  for (let b = lo; b <= hi; b++) { xs.push((b + 0.5) * w); ns.push(0); }
  for (const r of rs) ns[Math.floor(r / w) - lo]++;
  new uPlot({ title: 'Trades by R (bins of 0.25 R)', width: W, height: 220,
    scales: { x: { time: false, range: [xs[0] - w, xs[xs.length - 1] + w] } },
    series: [{ label: 'R' }, { label: 'trades', stroke: '#1f6feb', fill: 'rgba(31,111,235,0.4)',
      paths: uPlot.paths.bars({ size: [0.9, 60] }), points: { show: false } }] }, [xs, ns], el('rhist'));
}
const C = D.calibration;
if (C.length) {
  const xs = [0, ...C.map((c) => c.mean_p), 1];
  new uPlot({ title: 'Calibration: mean p against the share won (re-traded)', width: Math.min(W, 520), height: 420,
    scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
    series: [{ label: 'mean p' }, { label: 'won', stroke: '#1f6feb', paths: () => null, points: { show: true, size: 9 } },
      { label: 'perfect', stroke: '#8c959f', dash: [4, 4], points: { show: false } }] },
    [xs, [null, ...C.map((c) => c.hit_rate), null], xs], el('calibration'));
}
})();`;

export function reportHtml(r: RunReport): string {
  const { js, css } = uplotAssets();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(`AlgoSpace report: run ${r.run.id} ${r.run.symbol} ${r.run.timeframe}`)}</title>
<style>${css}</style>
<style>${STYLE}</style>
</head><body>
${body(r)}
<script type="application/json" id="report-data">${scriptJson(r)}</script>
<script>${js}</script>
<script>${PLOTS}</script>
</body></html>
`;
}
