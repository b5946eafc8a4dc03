/**
 * Canonical JSON (RFC 8785, JCS) for the values the journal holds: keys sorted by UTF-16
 * code units, no whitespace, numbers and strings as ECMAScript's JSON.stringify prints them.
 * Hand-written rather than a package: the core takes no dependency for 30 lines, and the hot
 * path (one event per command) skips the generic replacer machinery.
 */

/** The canonical text of a JSON value. Throws on values JSON cannot hold (a bug, not input). */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return canonicalArray(value);
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new Error(`canonicalJson: cannot encode ${typeof value}`);
  }
}

function canonicalArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // JSON.stringify writes null for undefined array slots; so does RFC 8785's reference.
    out += (i > 0 ? ',' : '') + (item === undefined ? 'null' : canonicalJson(item));
  }
  return out + ']';
}

function canonicalObject(object: Record<string, unknown>): string {
  // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 asks for.
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item);
    first = false;
  }
  return out + '}';
}
