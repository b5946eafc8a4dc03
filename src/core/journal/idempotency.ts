/**
 * Idempotency keys are unique per actor (market.md §10). The engine remembers, per
 * (actor, key), a digest of the command and where its outcome sits in the event log; a store
 * may back this with a table under a unique constraint.
 */

export interface IdempotencyEntry {
  /**
   * `type` + newline + canonical payload, or its hash when that text is long: the "same
   * canonical payload" test compares digests.
   */
  readonly digest: string;
  readonly accepted: boolean;
  /** Seq of the first event of the stored outcome, and how many events it has. */
  readonly firstSeq: number;
  readonly eventCount: number;
}

export interface IdempotencyIndex {
  get(actor: string, key: string): IdempotencyEntry | undefined;
  set(actor: string, key: string, entry: IdempotencyEntry): void;
}

/** Nested maps: no string concatenation per lookup, and no ambiguity between actor and key. */
export class MemoryIdempotencyIndex implements IdempotencyIndex {
  readonly #byActor = new Map<string, Map<string, IdempotencyEntry>>();

  get(actor: string, key: string): IdempotencyEntry | undefined {
    return this.#byActor.get(actor)?.get(key);
  }

  set(actor: string, key: string, entry: IdempotencyEntry): void {
    let keys = this.#byActor.get(actor);
    if (keys === undefined) this.#byActor.set(actor, (keys = new Map()));
    keys.set(key, entry);
  }
}
