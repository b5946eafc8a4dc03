/**
 * The hash chain of contracts.md §7: hash = SHA-256(prevHash + "\n" + canonical JSON of the
 * event without `hash`), the first prevHash 64 zeros. The canonical text of the event is
 * built from the canonical payload once, so a command costs one canonicalisation and one hash.
 */
import { canonicalJson } from './canonical.js';
import type { EventDraft, EventRecord, Hasher } from './types.js';

/** An event with its chain fields, its canonical payload text and the line the event log holds. */
export class ChainedEvent {
  constructor(
    readonly record: EventRecord,
    /** The canonical payload text (for stores that keep it in a column). */
    readonly payloadJson: string,
  ) {}

  /** `{"seq","key","type","payload","prevHash","hash"}` in that order, payload canonical; built on demand. */
  get line(): string {
    const r = this.record;
    return lineOf(r.seq, r.key, r.type, this.payloadJson, r.prevHash, r.hash);
  }
}

/** Canonical JSON of `{key, payload, prevHash, seq, type}` (keys already in sorted order). */
export function canonicalEventText(seq: number, key: string, type: string, payloadJson: string, prevHash: string): string {
  return `{"key":${JSON.stringify(key)},"payload":${payloadJson},"prevHash":${JSON.stringify(prevHash)},"seq":${seq},"type":${JSON.stringify(type)}}`;
}

/**
 * An event with its place in the log and its canonical payload, not yet hashed: the chain is
 * sealed by whoever holds its head (the engine, or a store's writer thread; the text and the
 * hash are the same either way).
 */
export class SequencedEvent {
  constructor(
    readonly seq: number,
    readonly key: string,
    /** The machine's event (type and payload), kept as it is: a store may hold it until COMMIT without the text below. */
    readonly draft: EventDraft,
    readonly payloadJson: string,
  ) {}

  get type(): string {
    return this.draft.type;
  }

  get payload(): EventDraft['payload'] {
    return this.draft.payload;
  }

  /** Hashes the event onto `prevHash`. */
  seal(prevHash: string, hasher: Hasher): ChainedEvent {
    const hash = chainHash(prevHash, this.seq, this.key, this.type, this.payloadJson, hasher);
    return new ChainedEvent({ seq: this.seq, key: this.key, type: this.type, payload: this.payload, prevHash, hash }, this.payloadJson);
  }
}

/** The hash of contracts.md §7 from an event's fields, its payload already canonical. */
export function chainHash(prevHash: string, seq: number, key: string, type: string, payloadJson: string, hasher: Hasher): string {
  return hasher(prevHash + '\n' + canonicalEventText(seq, key, type, payloadJson, prevHash));
}

export function sequenceEvent(draft: EventDraft, seq: number, key: string): SequencedEvent {
  return new SequencedEvent(seq, key, draft, canonicalJson(draft.payload));
}

export function chainEvent(draft: EventDraft, seq: number, key: string, prevHash: string, hasher: Hasher): ChainedEvent {
  return sequenceEvent(draft, seq, key).seal(prevHash, hasher);
}

/** The event-log line of a record (for records read back from a store). */
export function eventLine(record: EventRecord): string {
  return lineOf(record.seq, record.key, record.type, canonicalJson(record.payload), record.prevHash, record.hash);
}

/** The hash a record should carry, recomputed from its other fields. */
export function expectedHash(record: Omit<EventRecord, 'hash'>, hasher: Hasher): string {
  return chainHash(record.prevHash, record.seq, record.key, record.type, canonicalJson(record.payload), hasher);
}

/**
 * One event as an answer shows it (the HTTP outcome's `events`): `{"seq","type","payload","hash"}`,
 * the payload as its canonical text, the one the hash covers.
 */
export function outcomeEventJson(seq: number, type: string, payloadJson: string, hash: string): string {
  return `{"seq":${seq},"type":${JSON.stringify(type)},"payload":${payloadJson},"hash":${JSON.stringify(hash)}}`;
}

/** An `EventsBody` completed: `before`, the events' JSON array (`outcomeEventJson` texts), `after`. */
export function completeEventsBody(body: { readonly before: string; readonly after: string }, eventTexts: readonly string[]): string {
  return `${body.before}[${eventTexts.join(',')}]${body.after}`;
}

function lineOf(seq: number, key: string, type: string, payloadJson: string, prevHash: string, hash: string): string {
  return `{"seq":${seq},"key":${JSON.stringify(key)},"type":${JSON.stringify(type)},"payload":${payloadJson},"prevHash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)}}`;
}
