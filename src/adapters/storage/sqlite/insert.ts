/**
 * Batch rows flattened to one array of values per table, and inserted 64 rows per statement:
 * better-sqlite3 pays its per-call cost once per 64 rows instead of once per row, and a flat
 * array of primitives is cheap to post to the writer thread.
 */
import type Database from 'better-sqlite3';
import type { BatchRows } from '../driver.js';

export interface FlatRows {
  readonly commands: unknown[];
  readonly events: unknown[];
  readonly postings: unknown[];
  readonly responses: unknown[];
}

export const COMMAND_FIELDS = ['seq', 'actor', 'key', 'type', 'at', 'payload', 'accepted', 'first_use', 'first_event', 'event_count'] as const;
export const EVENT_FIELDS = ['seq', 'actor', 'key', 'type', 'payload', 'prev_hash', 'hash'] as const;
export const POSTING_FIELDS = ['event', 'n', 'debit', 'credit', 'asset', 'amount', 'code'] as const;
export const RESPONSE_FIELDS = ['principal', 'key', 'fingerprint', 'status', 'content_type', 'body', 'created_at'] as const;

export function flatten(rows: BatchRows): FlatRows {
  // Arrays sized once and filled by index: grown by push, they left about 0.7 KB of garbage per command.
  const commands = new Array<unknown>(rows.commands.length * COMMAND_FIELDS.length);
  let i = 0;
  for (const c of rows.commands) {
    commands[i++] = c.seq; commands[i++] = c.actor; commands[i++] = c.key; commands[i++] = c.type; commands[i++] = c.at;
    commands[i++] = c.payload; commands[i++] = c.accepted ? 1 : 0; commands[i++] = c.firstUse ? 1 : 0; commands[i++] = c.firstEvent; commands[i++] = c.eventCount;
  }
  const events = new Array<unknown>(rows.events.length * EVENT_FIELDS.length);
  i = 0;
  for (const e of rows.events) {
    events[i++] = e.seq; events[i++] = e.actor; events[i++] = e.key; events[i++] = e.type; events[i++] = e.payload; events[i++] = e.prevHash; events[i++] = e.hash;
  }
  const postings = new Array<unknown>(rows.postings.length * POSTING_FIELDS.length);
  i = 0;
  for (const p of rows.postings) {
    postings[i++] = p.event; postings[i++] = p.n; postings[i++] = p.debit; postings[i++] = p.credit; postings[i++] = p.asset; postings[i++] = p.amount; postings[i++] = p.code;
  }
  const responses: unknown[] = [];
  for (const r of rows.responses ?? []) responses.push(r.principal, r.key, r.fingerprint, r.status, r.contentType, r.body, r.createdAt);
  return { commands, events, postings, responses };
}

const CHUNK = 64;

/** Inserts flat rows into one table: whole chunks with one statement, the rest row by row. */
export function inserter(db: Database.Database, table: string, fields: readonly string[], verb = 'INSERT'): (flat: readonly unknown[]) => void {
  const width = fields.length;
  const tuple = `(${fields.map(() => '?').join(', ')})`;
  const head = `${verb} INTO ${table} (${fields.join(', ')}) VALUES `;
  const one = db.prepare(head + tuple);
  const chunk = db.prepare(head + Array.from({ length: CHUNK }, () => tuple).join(', '));
  return (flat) => {
    const rows = flat.length / width;
    let row = 0;
    for (; row + CHUNK <= rows; row += CHUNK) chunk.run(flat.slice(row * width, (row + CHUNK) * width));
    for (; row < rows; row++) one.run(flat.slice(row * width, (row + 1) * width));
  };
}
