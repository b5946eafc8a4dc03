/**
 * Canonical JSON (RFC 8785, JCS) for the values the journal holds: keys sorted by UTF-16
 * code units, no whitespace, numbers and strings as ECMAScript's JSON.stringify prints them.
 * Hand-written rather than a package: the core takes no dependency for 40 lines, and the hot
 * path gets a shortcut. A subtree whose objects already have their keys in sorted order
 * prints exactly as JSON.stringify prints it, so it is checked in one allocation-free walk
 * and handed to the native serialiser; other subtrees are sorted here.
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
      if (inCanonicalOrder(value)) return JSON.stringify(value);
      if (Array.isArray(value)) return canonicalArray(value);
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new Error(`canonicalJson: cannot encode ${typeof value}`);
  }
}

/** True when JSON.stringify would print the canonical text: plain data, keys already sorted. */
function inCanonicalOrder(value: object): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (!plainCanonical(item)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
  let previous: string | null = null;
  for (const key in value) {
    if (previous !== null && key < previous) return false;
    previous = key;
    if (!plainCanonical((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function plainCanonical(item: unknown): boolean {
  switch (typeof item) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(item);
    case 'object':
      return item === null || inCanonicalOrder(item);
    default:
      // undefined and functions print differently inside arrays; let the slow path decide.
      return false;
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

/**
 * True when a copy keeps `key` where it was inserted: not `__proto__` (it would set the copy's
 * prototype) and not an array index (objects list those first, in numeric order).
 */
function copiesInOrder(key: string): boolean {
  const first = key.charCodeAt(0);
  return key !== '__proto__' && !(first >= 48 && first <= 57);
}

/** Objects up to this many keys may be printed through a sorted copy (beyond, copies stop paying). */
const SORTED_COPY_MAX_KEYS = 32;

function canonicalObject(object: Record<string, unknown>): string {
  const keys = sortedKeyList(object);
  if (keys.length <= SORTED_COPY_MAX_KEYS && keys.every((key) => copiesInOrder(key) && plainCanonical(object[key]))) {
    // A request body (keys in the client's order, plain values): a copy with sorted keys
    // printed natively costs less than printing it here piece by piece.
    const copy: Record<string, unknown> = {};
    for (const key of keys) copy[key] = object[key];
    return JSON.stringify(copy);
  }
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

/** The object with its keys in canonical order (itself when they already are), so it prints on the fast path. */
export function sortedKeys<T extends Record<string, unknown>>(object: T): T {
  let previous: string | null = null;
  let sorted = true;
  for (const key in object) {
    if (previous !== null && key < previous) {
      sorted = false;
      break;
    }
    previous = key;
  }
  if (sorted) return object;
  const out: Record<string, unknown> = {};
  for (const key of sortedKeyList(object)) out[key] = object[key];
  return out as T;
}

/**
 * The object's keys in UTF-16 code-unit order, the order RFC 8785 §3.2.3 asks for (that of
 * `<` on strings and of the default sort). Objects of a journal have a handful of keys: an
 * insertion sort in place allocates nothing, where Array.prototype.sort allocates work space.
 */
function sortedKeyList(object: object): string[] {
  const keys = Object.keys(object);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}
