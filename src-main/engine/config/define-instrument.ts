// Puts a trader's instrument into the config text's `instruments:` list (replacing an entry of the same
// symbol), keeping the rest of the file (comments, order) as it is. The config service then validates
// and applies the text like any edit, so a bad definition is refused with the field that is wrong.
import { isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import type { UserInstrumentInput } from '../../../src-shared/ipc-instruments.ts';
import type { Problem } from '../../../src-shared/result.ts';

/** The entry as it reads in the file: keys left null take their default, so they are left out. */
function entry(u: UserInstrumentInput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(u).filter(([, v]) => v !== null && v !== undefined));
}

export function withInstrument(yaml: string, u: UserInstrumentInput): { yaml: string } | { problem: Problem } {
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0) {
    return { problem: { code: 'config-syntax', message: `config.yaml does not parse (${doc.errors[0]!.message.split('\n')[0]}); fix it first`, field: 'instruments' } };
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    return { problem: { code: 'config-type', message: 'config.yaml is not a mapping of sections; fix it first', field: 'instruments' } };
  }
  const node = doc.createNode(entry(u));
  const list = doc.get('instruments');
  if (isSeq(list)) {
    const seq = list as YAMLSeq;
    const at = seq.items.findIndex((it) => isMap(it) && String(it.get('symbol')) === u.symbol);
    if (at >= 0) seq.items[at] = node;
    else seq.add(node);
    seq.flow = false; // `instruments: []` as written by default becomes a block list
  } else {
    const seq = doc.createNode([entry(u)]) as YAMLSeq;
    seq.flow = false;
    doc.set('instruments', seq);
  }
  return { yaml: doc.toString() };
}

/** `instruments.3.tick_size` → `tick_size`: the form's field. */
export function instrumentField(p: Problem): Problem {
  const m = /^instruments\.\d+\.(.+)$/.exec(p.field ?? '');
  return m ? { ...p, field: m[1]! } : p;
}
