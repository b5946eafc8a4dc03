/**
 * On the writer thread, inside the batch's transaction: the events' rows in full. Each event
 * takes its actor and key from its command, and its place in the hash chain from the journal's
 * stored head: a sealed batch brings its hashes (and is checked to continue the head); an
 * unsealed one is hashed here, so that the main thread, which decides the next batch
 * meanwhile, does not pay for the canonical text and the SHA-256 of every event.
 */
import { chainHash, completeEventsBody, outcomeEventJson } from '../../../core/journal/index.js';
import type { ChainHead } from '../../../core/journal/store.js';
import type { Hasher } from '../../../core/journal/types.js';
import { HASH_LENGTH } from '../sha256.js';
import { COMMAND_FIELDS, EVENT_FIELDS, EVENT_FLAT_FIELDS, type FlatRows, RESPONSE_FIELDS, TEMPLATE_FIELDS } from './insert.js';

const ACTOR = COMMAND_FIELDS.indexOf('actor');
const KEY = COMMAND_FIELDS.indexOf('key');
const FIRST_EVENT = COMMAND_FIELDS.indexOf('first_event');
const EVENT_COUNT = COMMAND_FIELDS.indexOf('event_count');

export interface SealedEvents {
  /** EVENT_FIELDS per event: seq, actor, key, type, payload, prev_hash, hash. */
  readonly rows: unknown[];
  /** For an unsealed batch: the head's hash before it, then each event's hash; null for a sealed one. */
  readonly reply: string | null;
}

/**
 * The full event rows of a batch that must follow `head`. Throws (the transaction rolls back,
 * and the store rebuilds from what is stored) when the batch does not continue the journal.
 */
export function sealEvents(flat: FlatRows, head: ChainHead, hasher: Hasher): SealedEvents {
  const { commands, events, hashes } = flat;
  if (hashes !== null && flat.prevHash !== head.hash) throw new Error(`the batch chains onto hash ${flat.prevHash}, but the journal's head (seq ${head.seq}) has hash ${head.hash}`);
  const width = COMMAND_FIELDS.length;
  const rows: unknown[] = [];
  let reply = hashes === null ? head.hash : null;
  let previous = head.hash;
  let command = 0;
  const count = events.length / EVENT_FLAT_FIELDS;
  for (let i = 0; i < count; i++) {
    const seq = events[i * EVENT_FLAT_FIELDS] as number;
    const type = events[i * EVENT_FLAT_FIELDS + 1] as string;
    const payload = events[i * EVENT_FLAT_FIELDS + 2] as string;
    if (seq !== head.seq + 1 + i) throw new Error(`event seq ${seq} does not follow the journal's head at seq ${head.seq + i}`);
    while (command * width < commands.length && seq >= (commands[command * width + FIRST_EVENT] as number) + (commands[command * width + EVENT_COUNT] as number)) command++;
    if (command * width >= commands.length || seq < (commands[command * width + FIRST_EVENT] as number)) throw new Error(`event seq ${seq} belongs to no command of the batch`);
    const actor = commands[command * width + ACTOR] as string;
    const key = commands[command * width + KEY] as string;
    const hash = hashes === null ? chainHash(previous, seq, key, type, payload, hasher) : hashes.slice(i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
    rows.push(seq, actor, key, type, payload, previous, hash);
    if (reply !== null) reply += hash;
    previous = hash;
  }
  if (hashes !== null && hashes.length !== count * HASH_LENGTH) throw new Error(`the batch has ${count} events but ${hashes.length / HASH_LENGTH} hashes`);
  return { rows, reply };
}

const EVENT_WIDTH = EVENT_FIELDS.length;
const RESPONSE_WIDTH = RESPONSE_FIELDS.length;
const BODY = RESPONSE_FIELDS.indexOf('body');

/**
 * Completes, in `flat.responses`, the bodies that show their command's events (the text before
 * them stands in the body's place until then), from the sealed rows; returns them in order.
 * Done here, beside the hashing, rather than on the main thread: it is the answer's largest text.
 */
export function completeBodies(flat: FlatRows, sealedRows: readonly unknown[]): string[] {
  const bodies: string[] = [];
  const { templates, responses } = flat;
  if (templates.length === 0) return bodies;
  const firstSeq = sealedRows[0] as number;
  const eventCount = sealedRows.length / EVENT_WIDTH;
  for (let t = 0; t < templates.length; t += TEMPLATE_FIELDS) {
    const at = (templates[t] as number) * RESPONSE_WIDTH + BODY;
    const count = templates[t + 3] as number;
    const from = count === 0 ? 0 : (templates[t + 2] as number) - firstSeq;
    if (!(from >= 0 && from + count <= eventCount)) throw new Error(`a response shows events ${from + firstSeq}…${from + firstSeq + count - 1}, outside the batch's ${firstSeq}…${firstSeq + eventCount - 1}`);
    const texts: string[] = [];
    for (let e = from; e < from + count; e++) {
      const row = e * EVENT_WIDTH;
      texts.push(outcomeEventJson(sealedRows[row] as number, sealedRows[row + 3] as string, sealedRows[row + 4] as string, sealedRows[row + 6] as string));
    }
    const body = completeEventsBody({ before: responses[at] as string, after: templates[t + 1] as string }, texts);
    responses[at] = body;
    bodies.push(body);
  }
  return bodies;
}
