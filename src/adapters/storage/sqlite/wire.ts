/**
 * How a batch crosses to the SQLite writer thread. Posting the flat arrays of values costs the
 * main thread a structured-clone step per value (about 25 values a command), and the main
 * thread, which decides and chains every command, is the store's bottleneck. So the text
 * fields of all rows travel as one string joined by U+0000 and the numbers as one transferred
 * Float64Array; the writer thread splits them back. JSON texts escape U+0000, and any other
 * text that contains it (an odd idempotency key, say) sends its batch the plain way.
 */
import type { BatchRows } from '../driver.js';
import { type FlatRows, flatten } from './insert.js';

const SEPARATOR = '\u0000';

export type WireBatch =
  | {
    readonly kind: 'joined';
    /** Texts of every command, then every event, then every posting, in field order. */
    readonly text: string;
    /** Numbers in the same order. */
    readonly numbers: Float64Array;
    readonly commands: number;
    readonly events: number;
    readonly postings: number;
    /** Kept responses hold byte bodies: they go the plain way. */
    readonly responses: unknown[];
  }
  | { readonly kind: 'flat'; readonly flat: FlatRows };

/** The batch for postMessage, and what to transfer with it. */
export function encodeBatch(rows: BatchRows): { wire: WireBatch; transfer: ArrayBuffer[] } {
  const texts: string[] = [];
  const numbers = new Float64Array(rows.commands.length * 5 + rows.events.length + rows.postings.length * 3);
  let n = 0;
  let clean = true;
  const text = (value: string): void => {
    if (value.includes(SEPARATOR)) clean = false;
    texts.push(value);
  };
  for (const c of rows.commands) {
    text(c.actor);
    text(c.key);
    text(c.type);
    text(c.at);
    text(c.payload);
    numbers[n++] = c.seq;
    numbers[n++] = c.accepted ? 1 : 0;
    numbers[n++] = c.firstUse ? 1 : 0;
    numbers[n++] = c.firstEvent;
    numbers[n++] = c.eventCount;
  }
  for (const e of rows.events) {
    text(e.actor);
    text(e.key);
    text(e.type);
    text(e.payload);
    text(e.prevHash);
    text(e.hash);
    numbers[n++] = e.seq;
  }
  for (const p of rows.postings) {
    text(p.debit);
    text(p.credit);
    text(p.asset);
    text(p.code);
    numbers[n++] = p.event;
    numbers[n++] = p.n;
    numbers[n++] = p.amount;
  }
  if (!clean) return { wire: { kind: 'flat', flat: flatten(rows) }, transfer: [] };
  const responses = flatten({ commands: [], events: [], postings: [], responses: rows.responses ?? [] }).responses;
  const wire: WireBatch = { kind: 'joined', text: texts.join(SEPARATOR), numbers, commands: rows.commands.length, events: rows.events.length, postings: rows.postings.length, responses };
  return { wire, transfer: [numbers.buffer as ArrayBuffer] };
}

/** The flat rows of a batch, on the writer thread (column order of insert.ts). */
export function decodeBatch(wire: WireBatch): FlatRows {
  if (wire.kind === 'flat') return wire.flat;
  const texts = wire.text.split(SEPARATOR);
  const expected = wire.commands * 5 + wire.events * 6 + wire.postings * 4;
  // Only an empty batch joins to one empty text.
  if (texts.length !== expected && !(expected === 0 && texts.length === 1)) throw new Error(`writer thread: a batch carried ${texts.length} texts, expected ${expected}`);
  const { numbers } = wire;
  let t = 0;
  let n = 0;
  const commands: unknown[] = new Array(wire.commands * 10);
  for (let i = 0, o = 0; i < wire.commands; i++, o += 10) {
    commands[o] = numbers[n];
    commands[o + 1] = texts[t];
    commands[o + 2] = texts[t + 1];
    commands[o + 3] = texts[t + 2];
    commands[o + 4] = texts[t + 3];
    commands[o + 5] = texts[t + 4];
    commands[o + 6] = numbers[n + 1];
    commands[o + 7] = numbers[n + 2];
    commands[o + 8] = numbers[n + 3];
    commands[o + 9] = numbers[n + 4];
    t += 5;
    n += 5;
  }
  const events: unknown[] = new Array(wire.events * 7);
  for (let i = 0, o = 0; i < wire.events; i++, o += 7) {
    events[o] = numbers[n++];
    for (let f = 0; f < 6; f++) events[o + 1 + f] = texts[t++];
  }
  const postings: unknown[] = new Array(wire.postings * 7);
  for (let i = 0, o = 0; i < wire.postings; i++, o += 7) {
    postings[o] = numbers[n];
    postings[o + 1] = numbers[n + 1];
    postings[o + 2] = texts[t];
    postings[o + 3] = texts[t + 1];
    postings[o + 4] = texts[t + 2];
    postings[o + 5] = numbers[n + 2];
    postings[o + 6] = texts[t + 3];
    t += 4;
    n += 3;
  }
  return { commands, events, postings, responses: wire.responses };
}
