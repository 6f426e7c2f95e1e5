// The report as plain text for a terminal: the run, its headline metrics with their intervals, the
// baselines and the decision step's value added, the breakdowns, calibration and the notes.
import type { RunReport } from '../../../src-shared/report.ts';
import {
  BREAKDOWNS, STAT_COLUMNS, baselineRows, breakdownRows, fixed, headline, iso, pct, valueAdded,
} from './format.ts';

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ').trimEnd()).join('\n');
}

export function reportText(r: RunReport): string {
  const u = r.run, out: string[] = [];
  out.push(`Run ${u.id}: ${u.symbol} ${u.timeframe}, profile ${u.profile}, model ${u.model ?? 'none (rule path)'}`
    + `${u.auto_approve ? ', auto-approve' : ''} — ${u.source}`);
  out.push(`${iso(u.first_t)} → ${iso(u.last_t)} UTC, ${u.steps} steps${u.finished_at === null ? ' (unfinished)' : ''}; money in ${u.currency}`);
  out.push('');
  const h = headline(r);
  const w = Math.max(...h.map(([k]) => k.length));
  for (const [k, v] of h) out.push(`  ${k.padEnd(w)}  ${v}`);
  out.push('');
  const b = r.baselines;
  out.push(`Baselines: every synergy re-traded on its own (${b.retraded} of ${b.synergies} re-traded)`);
  out.push(textTable(['', ...STAT_COLUMNS], baselineRows(r)));
  out.push(`  rule only: ${b.rule_only.rule}`);
  out.push(`Decision value added (selected − take all, per synergy): ${valueAdded(r)}`);
  for (const [label, key] of BREAKDOWNS) {
    if (!r[key].length) continue;
    out.push('', `By ${label}`, textTable([label, ...STAT_COLUMNS], breakdownRows(r[key])));
  }
  if (r.calibration.length) {
    out.push('', 'Calibration (model-path synergies, p against the re-traded outcome)');
    out.push(textTable(['p', 'n', 'mean p', 'won'], r.calibration.map((c) => [
      `${c.p_lo.toFixed(1)}–${c.p_hi.toFixed(1)}`, String(c.n), fixed(c.mean_p, 3), pct(c.hit_rate),
    ])));
  }
  if (r.notes.length) {
    out.push('', 'Notes');
    for (const n of r.notes) out.push(`  - ${n}`);
  }
  return `${out.join('\n')}\n`;
}
