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

export function chainEvent(draft: EventDraft, seq: number, key: string, prevHash: string, hasher: Hasher): ChainedEvent {
  const payloadJson = canonicalJson(draft.payload);
  const hash = hasher(prevHash + '\n' + canonicalEventText(seq, key, draft.type, payloadJson, prevHash));
  return new ChainedEvent({ seq, key, type: draft.type, payload: draft.payload, prevHash, hash }, payloadJson);
}

/** The event-log line of a record (for records read back from a store). */
export function eventLine(record: EventRecord): string {
  return lineOf(record.seq, record.key, record.type, canonicalJson(record.payload), record.prevHash, record.hash);
}

/** The hash a record should carry, recomputed from its other fields. */
export function expectedHash(record: Omit<EventRecord, 'hash'>, hasher: Hasher): string {
  const text = canonicalEventText(record.seq, record.key, record.type, canonicalJson(record.payload), record.prevHash);
  return hasher(record.prevHash + '\n' + text);
}

function lineOf(seq: number, key: string, type: string, payloadJson: string, prevHash: string, hash: string): string {
  return `{"seq":${seq},"key":${JSON.stringify(key)},"type":${JSON.stringify(type)},"payload":${payloadJson},"prevHash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)}}`;
}
