// The version of the code that makes a cached result: the SHA-256 of every source file reachable
// from the entry files through relative value imports. Any edit along that chain (an indicator,
// the broker, the labeller) changes it, so a cache entry made by other code is never reused; edits
// elsewhere (the renderer, reports, a module only imported for its types) leave it alone.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const IMPORT = /(?:import|export)\s([^'";]*?)from\s+['"](\.{1,2}\/[^'"]+)['"]/g;

/** Relative .ts value imports of one file (`import … from`, `export … from`; not `import type` / `export type`: erased). */
export function relativeImports(text: string): string[] {
  return [...text.matchAll(IMPORT)].filter((m) => !/^type\s/.test(m[1]!)).map((m) => m[2]!).filter((p) => p.endsWith('.ts'));
}

/** sha256 over (path relative to `root`, contents) of the import closure of `entries`, in sorted path order. */
export function codeHash(entries: readonly string[], root: string): { sha256: string; files: number } {
  const seen = new Map<string, string>();
  const todo = entries.map((e) => resolve(e));
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    const text = readFileSync(f, 'utf8');
    seen.set(f, text);
    for (const rel of relativeImports(text)) todo.push(resolve(dirname(f), rel));
  }
  const h = createHash('sha256');
  for (const f of [...seen.keys()].sort()) h.update(`${relative(root, f)}\0${seen.get(f)!}\0`);
  return { sha256: h.digest('hex'), files: seen.size };
}
