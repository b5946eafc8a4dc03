/**
 * The command driver every store and the replay command share: idempotency per
 * (actor, key), decide, apply, and the hash chain. Single writer; no I/O.
 */
import { canonicalJson } from './canonical.js';
import { type ChainedEvent, type SequencedEvent, sequenceEvent } from './chain.js';
import { type IdempotencyEntry, type IdempotencyIndex, MemoryIdempotencyIndex, commandDigest } from './idempotency.js';
import { type CommandEnvelope, type EventDraft, type EventRecord, GENESIS_HASH, type Hasher, type Machine, type Outcome } from './types.js';

export const IDEMPOTENCY_KEY_REUSED = 'idempotency_key_reused';

/** What became of one command; its events are chained (`submit`) or only sequenced (`sequence`). */
export type Submission<Event = ChainedEvent> =
  /** A new command: its events (one `<type>.rejected` on refusal). */
  | { readonly kind: 'new'; readonly accepted: boolean; readonly events: readonly Event[]; readonly commandPayloadJson: string }
  /** The same key and payload again: the first outcome stands; nothing is written. */
  | { readonly kind: 'duplicate'; readonly first: IdempotencyEntry }
  /** The same key with another payload: one rejection event, no effect. */
  | { readonly kind: 'key_reused'; readonly first: IdempotencyEntry; readonly events: readonly Event[]; readonly commandPayloadJson: string };

export interface EngineStart<State> {
  readonly state?: State;
  /** Seq of the last event already in the log (0 for an empty log). */
  readonly lastSeq?: number;
  readonly headHash?: string;
  readonly index?: IdempotencyIndex;
}

export class JournalEngine<State> {
  state: State;
  /** The seq of the last event decided. */
  lastSeq: number;
  /** The hash of event `sealedSeq`: events after it are sequenced but not yet hashed (see `sequence`). */
  headHash: string;
  sealedSeq: number;
  readonly index: IdempotencyIndex;
  readonly #machine: Machine<State>;
  readonly #hasher: Hasher;

  constructor(machine: Machine<State>, hasher: Hasher, start: EngineStart<State> = {}) {
    this.#machine = machine;
    this.#hasher = hasher;
    this.state = start.state ?? machine.initial();
    this.lastSeq = start.lastSeq ?? 0;
    this.headHash = start.headHash ?? GENESIS_HASH;
    this.sealedSeq = this.lastSeq;
    this.index = start.index ?? new MemoryIdempotencyIndex();
  }

  /**
   * Decides, applies and chains one command. With `reusedKeys = 'refuse'`, a key reused with
   * another payload is answered `key_reused` with no events (nothing to journal).
   */
  submit(command: CommandEnvelope, reusedKeys: 'journal' | 'refuse' = 'journal'): Submission {
    const submission = this.sequence(command, reusedKeys);
    if (submission.kind === 'duplicate' || submission.events.length === 0) return submission as Submission;
    const events = this.seal(submission.events);
    return submission.kind === 'new'
      ? { kind: 'new', accepted: submission.accepted, events, commandPayloadJson: submission.commandPayloadJson }
      : { kind: 'key_reused', first: submission.first, events, commandPayloadJson: submission.commandPayloadJson };
  }

  /**
   * Decides and applies one command, giving its events their seqs but not their hashes: the
   * caller seals them later, in order, with `seal` or by telling `sealedThrough` what a store
   * computed (a store's writer thread hashes while this thread decides the next commands).
   */
  sequence(command: CommandEnvelope, reusedKeys: 'journal' | 'refuse' = 'journal'): Submission<SequencedEvent> {
    const commandPayloadJson = canonicalJson(command.payload ?? null);
    const digest = commandDigest(command.type, commandPayloadJson);
    const first = this.index.get(command.actor, command.key);
    if (first !== undefined) {
      if (first.digest === digest) return { kind: 'duplicate', first };
      if (reusedKeys === 'refuse') return { kind: 'key_reused', first, events: [], commandPayloadJson };
      const rejection: EventDraft = {
        type: `${command.type}.rejected`,
        payload: {
          actor: command.actor,
          at: command.at,
          code: IDEMPOTENCY_KEY_REUSED,
          message: `market.md §10: key "${command.key}" of ${command.actor} was used by seq ${first.firstSeq} with another payload`,
        },
      };
      return { kind: 'key_reused', first, events: this.#sequence(command.key, [rejection]), commandPayloadJson };
    }
    const outcome = this.#machine.decide(this.state, command);
    const events = this.#sequence(command.key, outcome.events);
    this.index.set(command.actor, command.key, { digest, accepted: outcome.accepted, firstSeq: events[0]?.seq ?? this.lastSeq, eventCount: events.length });
    if (outcome.accepted) this.state = this.#machine.apply(this.state, command, outcome, events[0]?.seq ?? this.lastSeq + 1);
    return { kind: 'new', accepted: outcome.accepted, events, commandPayloadJson };
  }

  /** Hashes the next sequenced events onto the head. They must be the ones after `sealedSeq`, in order (a bug otherwise). */
  seal(events: readonly SequencedEvent[]): ChainedEvent[] {
    const out: ChainedEvent[] = [];
    for (const event of events) {
      if (event.seq !== this.sealedSeq + 1) throw new Error(`seal: event seq ${event.seq} does not follow the sealed head at seq ${this.sealedSeq}`);
      const chained = event.seal(this.headHash, this.#hasher);
      this.sealedSeq = event.seq;
      this.headHash = chained.record.hash;
      out.push(chained);
    }
    return out;
  }

  /** Someone else sealed the events through `seq`, the last with `hash`. */
  sealedThrough(seq: number, hash: string): void {
    if (!(seq > this.sealedSeq && seq <= this.lastSeq)) throw new Error(`sealedThrough: seq ${seq} is not after the sealed head ${this.sealedSeq} and at most the last seq ${this.lastSeq}`);
    this.sealedSeq = seq;
    this.headHash = hash;
  }

  /**
   * Rebuilds from a stored command and its stored events without deciding again (a store
   * reopening its log). The events must continue the chain.
   */
  restore(command: CommandEnvelope, records: readonly EventRecord[]): void {
    for (const record of records) {
      if (record.seq !== this.lastSeq + 1 || this.sealedSeq !== this.lastSeq || record.prevHash !== this.headHash) {
        throw new Error(`restore: event seq ${record.seq} does not continue the chain at seq ${this.lastSeq}`);
      }
      this.lastSeq = record.seq;
      this.sealedSeq = record.seq;
      this.headHash = record.hash;
    }
    const reused = records.length === 1 && records[0]?.payload['code'] === IDEMPOTENCY_KEY_REUSED && this.index.get(command.actor, command.key) !== undefined;
    if (reused || records.length === 0) return;
    const accepted = !(records.length === 1 && records[0]?.type.endsWith('.rejected'));
    const outcome: Outcome = { accepted, events: records.map((r) => ({ type: r.type, payload: r.payload })) };
    this.index.set(command.actor, command.key, { digest: commandDigest(command.type, canonicalJson(command.payload ?? null)), accepted, firstSeq: records[0]?.seq ?? 0, eventCount: records.length });
    if (accepted) this.state = this.#machine.apply(this.state, command, outcome, records[0]!.seq);
  }

  /**
   * Records a journaled command's first outcome without deciding it again: a store that starts
   * from a snapshot rebuilds the idempotency index from its commands. `payloadJson` is the
   * command's canonical payload, as journaled.
   */
  remember(command: { actor: string; key: string; type: string }, payloadJson: string, entry: Omit<IdempotencyEntry, 'digest'>): void {
    this.index.set(command.actor, command.key, { digest: commandDigest(command.type, payloadJson), ...entry });
  }

  #sequence(key: string, drafts: readonly EventDraft[]): SequencedEvent[] {
    const out: SequencedEvent[] = [];
    for (const draft of drafts) out.push(sequenceEvent(draft, ++this.lastSeq, key));
    return out;
  }
}

/** Applies commands in order to a fresh machine state and yields the chained events. */
export function* replay<State>(machine: Machine<State>, commands: Iterable<CommandEnvelope>, hasher: Hasher): Generator<ChainedEvent> {
  const engine = new JournalEngine(machine, hasher);
  for (const command of commands) {
    const submission = engine.submit(command);
    if (submission.kind !== 'duplicate') yield* submission.events;
  }
}
