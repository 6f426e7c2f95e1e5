// Reads ModelProto.metadata_props (field 14: StringStringEntryProto { key = 1, value = 2 }) from
// ONNX bytes. Why a parser of our own: onnxruntime-node 1.30 exposes input/output metadata but not
// the model's custom metadata map, and onnx-proto (protobufjs) is a devDependency we keep out of
// the runtime. Only top-level fields are walked; the graph (field 7) is skipped by its length, so
// this costs microseconds even on a large model.

const MODEL_METADATA_PROPS = 14;

/** key → value of metadata_props, or null when the bytes are not a well-formed protobuf message. */
export function readMetadataProps(bytes: Uint8Array): Map<string, string> | null {
  const out = new Map<string, string>();
  const top = fields(bytes);
  if (top === null) return null;
  for (const f of top) {
    if (f.field !== MODEL_METADATA_PROPS) continue;
    if (f.bytes === null) return null;
    const entry = fields(f.bytes);
    if (entry === null) return null;
    let key = '';
    let value = '';
    for (const e of entry) {
      if (e.bytes === null) continue;
      if (e.field === 1) key = utf8.decode(e.bytes);
      else if (e.field === 2) value = utf8.decode(e.bytes);
    }
    out.set(key, value); // protobuf rule: a repeated key keeps the last value
  }
  return out;
}

const utf8 = new TextDecoder('utf-8');

interface Field {
  readonly field: number;
  /** payload of a length-delimited field; null for varint / fixed fields */
  readonly bytes: Uint8Array | null;
}

function fields(buf: Uint8Array): Field[] | null {
  const out: Field[] = [];
  let pos = 0;
  const varint = (): number | null => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= buf.length) return null;
      const b = buf[pos++]!;
      result += (b & 0x7f) * scale; // arithmetic, not bit ops: values may exceed 2^31
      if (b < 0x80) return result;
      scale *= 128;
    }
    return null;
  };
  while (pos < buf.length) {
    const tag = varint();
    if (tag === null) return null;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) return null;
    if (wire === 0) {
      if (varint() === null) return null;
      out.push({ field, bytes: null });
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
      if (pos > buf.length) return null;
      out.push({ field, bytes: null });
    } else if (wire === 2) {
      const len = varint();
      if (len === null || pos + len > buf.length) return null;
      out.push({ field, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else {
      return null; // groups (3, 4) are not used by ONNX; 6, 7 do not exist
    }
  }
  return out;
}
