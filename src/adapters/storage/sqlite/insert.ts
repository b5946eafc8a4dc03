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
  // Grown by push, not sized by `new Array(n)`: a pre-sized array is holey, and structured clone
  // writes a holey array in its sparse form, index by index (2.7 times slower to post; measured).
  const commands: unknown[] = [];
  for (const c of rows.commands) commands.push(c.seq, c.actor, c.key, c.type, c.at, c.payload, c.accepted ? 1 : 0, c.firstUse ? 1 : 0, c.firstEvent, c.eventCount);
  const events: unknown[] = [];
  for (const e of rows.events) events.push(e.seq, e.actor, e.key, e.type, e.payload, e.prevHash, e.hash);
  const postings: unknown[] = [];
  for (const p of rows.postings) postings.push(p.event, p.n, p.debit, p.credit, p.asset, p.amount, p.code);
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
