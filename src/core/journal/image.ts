/**
 * A machine's state as plain JSON and back, for snapshots: Maps and Sets keep their order,
 * objects reached twice stay one object (`$def`/`$ref`, numbered in traversal order), and
 * class instances go through a codec named by `$class`. Any other class instance, a function
 * or a non-finite number is a bug: it throws, so a new kind of state never goes missing from
 * a snapshot unnoticed. Plain objects are walked in sorted key order, so the same state gives
 * the same image whatever order its fields were created in; the canonical JSON of the image is
 * what a snapshot stores and hashes.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ImageCodec<T> {
  /** Unique name, written as `$class`. */
  readonly name: string;
  readonly is: (value: unknown) => value is T;
  /** `encode` a nested value (shared references survive); return JSON. */
  toImage(value: T, encode: (nested: unknown) => Json): Json;
  fromImage(image: Json, decode: (nested: Json) => unknown): T;
}

type Codecs = readonly ImageCodec<any>[];

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The image of `value`. */
export function toImage(value: unknown, codecs: Codecs = []): Json {
  // First pass: which objects are reached more than once.
  const seen = new Map<object, number>();
  const count = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object') return;
    if (depth > 200) throw new Error('image: nesting deeper than 200 (a cycle?)');
    const n = seen.get(v) ?? 0;
    seen.set(v, n + 1);
    if (n > 0) return;
    if (Array.isArray(v)) for (const x of v) count(x, depth + 1);
    else if (v instanceof Map) for (const [k, x] of v) { count(k, depth + 1); count(x, depth + 1); }
    else if (v instanceof Set) for (const x of v) count(x, depth + 1);
    else if (isPlain(v)) for (const k of Object.keys(v).sort()) count((v as Record<string, unknown>)[k], depth + 1);
    else codecOf(codecs, v).toImage(v, (nested) => (count(nested, depth + 1), null));
  };
  count(value, 0);
  const ids = new Map<object, number>();
  const encode = (v: unknown): Json => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (v === undefined) return { $undefined: true };
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) throw new Error(`image: ${v} cannot be stored`);
      return v;
    }
    if (typeof v !== 'object') throw new Error(`image: a ${typeof v} cannot be stored`);
    const id = ids.get(v);
    if (id !== undefined) return { $ref: id };
    const shared = (seen.get(v) ?? 0) > 1;
    if (shared) ids.set(v, ids.size);
    let out: Json;
    if (Array.isArray(v)) out = v.map(encode);
    else if (v instanceof Map) out = { $map: [...v].map(([k, x]) => [encode(k), encode(x)]) };
    else if (v instanceof Set) out = { $set: [...v].map(encode) };
    else if (isPlain(v)) {
      const o: Record<string, Json> = {};
      for (const k of Object.keys(v).sort()) {
        if (k.startsWith('$')) throw new Error(`image: key ${k} would read as a marker`);
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) o[k] = encode(x);
      }
      out = o;
    } else {
      const codec = codecOf(codecs, v);
      out = { $class: codec.name, v: codec.toImage(v, encode) };
    }
    return shared ? { $def: ids.get(v)!, v: out } : out;
  };
  return encode(value);
}

/** The value an image was made of (shared objects shared again). */
export function fromImage(image: Json, codecs: Codecs = []): unknown {
  const defs = new Map<number, unknown>();
  const decode = (j: Json): unknown => {
    if (j === null || typeof j !== 'object') return j;
    if (Array.isArray(j)) return j.map(decode);
    if ('$ref' in j) {
      if (!defs.has(j['$ref'] as number)) throw new Error(`image: $ref ${String(j['$ref'])} before its $def`);
      return defs.get(j['$ref'] as number);
    }
    if ('$def' in j) {
      const value = decode(j['v']!);
      defs.set(j['$def'] as number, value);
      return value;
    }
    if ('$undefined' in j) return undefined;
    if ('$map' in j) return new Map((j['$map'] as [Json, Json][]).map(([k, x]) => [decode(k), decode(x)]));
    if ('$set' in j) return new Set((j['$set'] as Json[]).map(decode));
    if ('$class' in j) {
      const codec = codecs.find((c) => c.name === j['$class']);
      if (codec === undefined) throw new Error(`image: no codec for class ${String(j['$class'])}`);
      return codec.fromImage(j['v']!, decode);
    }
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(j)) o[k] = decode(x);
    return o;
  };
  return decode(image);
}

function codecOf(codecs: Codecs, value: object): ImageCodec<unknown> {
  const codec = codecs.find((c) => c.is(value));
  if (codec === undefined) throw new Error(`image: no codec for an instance of ${value.constructor?.name ?? 'an unknown class'}`);
  return codec;
}
