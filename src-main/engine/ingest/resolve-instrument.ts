// Which instrument a file is, for the app's import (issue 13): the one named, the one the file names
// (symbol column, file name), from the config's `instruments:` first, then the catalogue. Unknown is
// never silent: the import stores nothing; the app's inspection offers guesses for a definition.
import { resolveInstrument, unknownInstrumentMessage } from '../../../src-shared/instruments.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import type { UserInstrument } from '../../../src-shared/config.ts';
import type { InstrumentDraft } from '../../../src-shared/ipc.ts';
import { fail, ok, type Problem, type Result } from '../../../src-shared/result.ts';
import { openFeed } from '../feed/index.ts';
import type { FeedReader, OpenOptions } from '../feed/types.ts';
import { instrumentDraft, symbolFromFileName } from './instrument-draft.ts';

export interface Identified {
  reader: FeedReader;
  /** null: neither the catalogue nor the config knows the instrument */
  spec: InstrumentSpec | null;
  source: 'catalogue' | 'config' | null;
  /** the symbol named or read from the file, known or not */
  symbol: string | null;
}

const sourceOf = (spec: InstrumentSpec, user: readonly UserInstrument[]) => (user.some((u) => u.symbol === spec.symbol) ? 'config' : 'catalogue');

/** Open the file and tell its instrument; a named symbol nobody defines opens the file unnamed. */
export function identify(path: string, opts: OpenOptions): Result<Identified> {
  const user = opts.instruments ?? [];
  const named = opts.instrument?.trim().toUpperCase();
  if (named && !resolveInstrument(named, user)) {
    const r = openFeed(path, { ...opts, instrument: undefined });
    return r.ok ? ok({ reader: r.value, spec: null, source: null, symbol: named }) : r;
  }
  const r = openFeed(path, opts);
  if (!r.ok) return r;
  const reader = r.value;
  const guess = symbolFromFileName(reader.info.file);
  // the feed guesses from the catalogue only; a config entry may name a symbol the file name holds
  const spec = reader.info.instrument ?? (guess ? resolveInstrument(guess, user) : undefined) ?? null;
  return ok({ reader, spec, source: spec ? sourceOf(spec, user) : null, symbol: spec?.symbol ?? guess });
}

/** Guesses for the definition, from the file's first rows (reads the reader: it is spent afterwards). */
export function draftOf(id: Identified): InstrumentDraft {
  const first = id.reader.chunks().next();
  const info = id.reader.info;
  return instrumentDraft(info.path, info.file, info.sourceTz, first.done ? null : first.value, id.symbol);
}

/**
 * Nothing is stored. A symbol named by the caller (`--instrument`, the form's Instrument field) nobody
 * defines is `unknown-instrument`, as the feed answers it; a file that names none it knows is
 * `instrument-needed`. Both list the known symbols and how to define one; the app shows its form for both.
 */
export function instrumentNeeded(id: Identified, named: boolean): { ok: false; problem: Problem } {
  const file = id.reader.info.file;
  const what = id.symbol ? unknownInstrumentMessage(id.symbol) : `the file names no instrument; name one. ${unknownInstrumentMessage('').replace(/^unknown instrument +\. */, '')}`;
  return fail(named ? 'unknown-instrument' : 'instrument-needed', `${file}: ${what} — nothing was stored`, {
    file, field: 'instrument', expected: 'a catalogue or config instrument', got: id.symbol ?? 'unknown',
  });
}
