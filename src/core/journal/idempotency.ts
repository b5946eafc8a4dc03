/**
 * Idempotency keys are unique per actor (market.md §10). The engine remembers, per
 * (actor, key), a fingerprint of the command and where its outcome sits in the event log; a
 * store backs this with a table under a unique constraint.
 */

export interface IdempotencyEntry {
  /**
   * A 53-bit fingerprint of `type` + canonical payload (see `commandDigest`): the "same
   * canonical payload" test compares digests.
   */
  readonly digest: number;
  readonly accepted: boolean;
  /** Seq of the first event of the stored outcome, and how many events it has. */
  readonly firstSeq: number;
  readonly eventCount: number;
}

export interface IdempotencyIndex {
  get(actor: string, key: string): IdempotencyEntry | undefined;
  set(actor: string, key: string, entry: IdempotencyEntry): void;
}

/**
 * The index lives for as long as the journal, one entry per command ever accepted or refused.
 * Two costs shape it. Each young collection copies every surviving entry, so entries are
 * columns of typed arrays, not objects (a command keeps its key string and about 60 bytes).
 * And a lookup in a large hash map of strings is several cache misses (bucket, entry, the
 * stored key); almost every lookup is a miss for a new key, so the table here is open
 * addressing over interleaved (hash, slot) pairs: a new key costs one cache line, and the
 * stored key string is read only when its 32-bit hash matches. Written by hand because no
 * library offers a string-keyed table with that layout.
 */
export class MemoryIdempotencyIndex implements IdempotencyIndex {
  readonly #actorNumbers = new Map<string, number>();
  /** [hash, slot + 1] pairs; slot + 1 = 0 marks an empty place. Capacity is a power of two. */
  #table = new Int32Array(2 * 4096);
  #size = 0;
  #keys: string[] = [];
  #actor = new Int32Array(1024);
  #digest = new Float64Array(1024);
  #firstSeq = new Float64Array(1024);
  /** eventCount * 2 + (accepted ? 1 : 0). */
  #outcome = new Float64Array(1024);

  get(actor: string, key: string): IdempotencyEntry | undefined {
    const slot = this.#find(actor, key, keyHash(actor, key));
    if (slot < 0) return undefined;
    const outcome = this.#outcome[slot]!;
    return { digest: this.#digest[slot]!, accepted: outcome % 2 === 1, firstSeq: this.#firstSeq[slot]!, eventCount: Math.floor(outcome / 2) };
  }

  set(actor: string, key: string, entry: IdempotencyEntry): void {
    const hash = keyHash(actor, key);
    let slot = this.#find(actor, key, hash);
    if (slot < 0) {
      slot = this.#append(actor, key);
      if (2 * (this.#size + 1) > this.#table.length / 2) this.#rehash(this.#table.length * 2);
      this.#place(hash, slot);
    }
    this.#digest[slot] = entry.digest;
    this.#firstSeq[slot] = entry.firstSeq;
    this.#outcome[slot] = entry.eventCount * 2 + (entry.accepted ? 1 : 0);
  }

  /** The slot of (actor, key), or -1. */
  #find(actor: string, key: string, hash: number): number {
    const table = this.#table;
    const mask = (table.length >>> 1) - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = table[2 * i + 1]! - 1;
      if (slot < 0) return -1;
      if (table[2 * i] === hash && this.#keys[slot] === key && this.#actor[slot] === this.#actorNumbers.get(actor)) return slot;
    }
  }

  #place(hash: number, slot: number): void {
    const table = this.#table;
    const mask = (table.length >>> 1) - 1;
    let i = hash & mask;
    while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
    table[2 * i] = hash;
    table[2 * i + 1] = slot + 1;
  }

  #rehash(length: number): void {
    const old = this.#table;
    this.#table = new Int32Array(length);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.#place(old[i]!, old[i + 1]! - 1);
  }

  #append(actor: string, key: string): number {
    let actorNumber = this.#actorNumbers.get(actor);
    if (actorNumber === undefined) this.#actorNumbers.set(actor, (actorNumber = this.#actorNumbers.size));
    if (this.#size === this.#actor.length) {
      const length = this.#size * 2;
      this.#actor = copied(this.#actor, new Int32Array(length));
      this.#digest = copied(this.#digest, new Float64Array(length));
      this.#firstSeq = copied(this.#firstSeq, new Float64Array(length));
      this.#outcome = copied(this.#outcome, new Float64Array(length));
    }
    const slot = this.#size++;
    this.#keys.push(key);
    this.#actor[slot] = actorNumber;
    return slot;
  }
}

/** A 32-bit hash of (actor, key) for the table (FNV-1a, with a final mix). */
function keyHash(actor: string, key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < actor.length; i++) h = Math.imul(h ^ actor.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0xffff, 0x01000193);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function copied<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * A 53-bit fingerprint of a command's type and canonical payload, `at` left out (a client
 * retrying later sends the same command). Two 32-bit multiplicative hashes over the UTF-16
 * code units, no string built. Not cryptographic, and it need not be: keys are per actor, so
 * only an actor's own commands can collide, and an accidental collision (about 1 in 2^53 per
 * reused key) would answer a reused key with its first outcome instead of refusing it.
 */
export function commandDigest(type: string, payloadJson: string): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  // type, a newline, then the payload: the code units of `${type}\n${payloadJson}`.
  for (let part = 0; part < 2; part++) {
    const text = part === 0 ? type : payloadJson;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 13;
    }
    if (part === 0) {
      a = Math.imul(a ^ 10, 0x01000193);
      b = Math.imul(b ^ 10, 0x5bd1e995);
      b ^= b >>> 13;
    }
  }
  // Final avalanche, so that nearby texts spread over all 53 bits.
  a ^= a >>> 16;
  a = Math.imul(a, 0x297a2d39);
  a ^= a >>> 15;
  b ^= b >>> 15;
  b = Math.imul(b, 0x2c1b3c6d);
  b ^= b >>> 12;
  return (b >>> 11) * 4294967296 + (a >>> 0);
}
