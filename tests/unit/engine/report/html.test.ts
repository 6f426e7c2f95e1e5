// The HTML export escapes every string it takes from the report (a pattern name, a note, the source
// file) and embeds the JSON so that nothing in it can end its <script> element; nothing is fetched.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../../src-main/store/db.ts';
import { buildReport } from '../../../../src-main/engine/report/build-report.ts';
import { escapeHtml, reportHtml, scriptJson } from '../../../../src-main/engine/report/html.ts';
import { reportText } from '../../../../src-main/engine/report/text.ts';
import { barsFrom, writeHandRun } from './hand-run.ts';

const EVIL = '</script><img src=x onerror="alert(1)">&';

let dir: string;
let db: WriteDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-report-html-'));
  db = openDb(join(dir, 'r.db'));
});
afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('escaping', () => {
  it('escapeHtml and scriptJson', () => {
    expect(escapeHtml(`<a href='x'>"&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;');
    const j = scriptJson({ s: EVIL, l: '\u2028' });
    expect(j).not.toContain('<');
    expect(JSON.parse(j)).toEqual({ s: EVIL, l: '\u2028' });
  });

  it('a report with a hostile pattern name: escaped in the tables, intact in the data', () => {
    const T0 = Date.UTC(2023, 10, 6, 15, 0);
    const bars = barsFrom(T0, [[100, 100, 100, 100], [101, 104, 100.5, 103], [103, 103, 103, 103]]);
    writeHandRun(db, {
      symbol: 'NQ', bars, trades: [{
        pattern: EVIL, direction: 1, path: 'rule', p: null, size: 1, riskMoney: 100, at: 0,
        entry: { idx: 1, price: 101, commission: 2 }, exit: { idx: 1, price: 103, kind: 'target', commission: 2, pnl: 36 },
      }],
    });
    const r = buildReport(db, 1);
    if (!r.ok) throw new Error(r.problem.message);
    const html = reportHtml(r.value);
    expect(html).not.toContain(EVIL);
    expect(html).toContain(escapeHtml(EVIL));
    // exactly the three script elements this file writes: data, uPlot, plots
    expect(html.match(/<script\b/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).not.toMatch(/<img/);
    const data = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(data).trades_list[0].pattern).toBe(EVIL);
    expect(reportText(r.value)).toContain(EVIL); // plain text is not HTML: printed as is
  });
});
