/**
 * Batch rows flattened to one array of values per table, and inserted 64 rows per statement:
 * better-sqlite3 pays its per-call cost once per 64 rows instead of once per row, and a flat
 * array of primitives is cheap to post to the writer thread. An event travels as its seq, type
 * and payload only: its actor and key are its command's, its prevHash the hash before it, and
 * its hash one of `hashes` (or computed by the writer thread, see seal.ts).
 */
import type Database from 'better-sqlite3';
import type { KeptResponse } from '../../../core/journal/store.js';
import type { BatchRows, UnsealedBatchRows, UnsealedResponse } from '../driver.js';
import { isCompleteBody } from '../rows.js';

export interface FlatRows {
  readonly commands: unknown[];
  /** seq, type, payload per event (EVENT_FLAT_FIELDS). */
  readonly events: unknown[];
  /** A sealed batch: the first event's prevHash, and every event's hash, 64 hex digits each; null for the writer to compute. */
  readonly prevHash: string | null;
  readonly hashes: string | null;
  readonly postings: unknown[];
  /** RESPONSE_FIELDS per response; the body of one that shows its events is the text before them. */
  readonly responses: unknown[];
  /** Per response that shows its events (TEMPLATE_FIELDS): its row, the text after the events, its first event and their count. */
  readonly templates: unknown[];
}

export const TEMPLATE_FIELDS = 4;

/** What of an event crosses to the writer thread. */
export const EVENT_FLAT_FIELDS = 3;

export const COMMAND_FIELDS = ['seq', 'actor', 'key', 'type', 'at', 'payload', 'accepted', 'first_use', 'first_event', 'event_count'] as const;
export const EVENT_FIELDS = ['seq', 'actor', 'key', 'type', 'payload', 'prev_hash', 'hash'] as const;
export const POSTING_FIELDS = ['event', 'n', 'debit', 'credit', 'asset', 'amount', 'code'] as const;
export const RESPONSE_FIELDS = ['principal', 'key', 'fingerprint', 'status', 'content_type', 'body', 'created_at'] as const;

/** Flattens a batch; a sealed one's hashes are checked to chain (a store's bug otherwise) and joined. */
export function flatten(rows: BatchRows | UnsealedBatchRows): FlatRows {
  // Grown by push, not sized by `new Array(n)`: a pre-sized array is holey, and structured clone
  // writes a holey array in its sparse form, index by index (2.7 times slower to post; measured).
  const commands: unknown[] = [];
  for (const c of rows.commands) commands.push(c.seq, c.actor, c.key, c.type, c.at, c.payload, c.accepted ? 1 : 0, c.firstUse ? 1 : 0, c.firstEvent, c.eventCount);
  const events: unknown[] = [];
  for (const e of rows.events) events.push(e.seq, e.type, e.payload);
  const sealed = rows.events[0] !== undefined && 'hash' in rows.events[0];
  const prevHash = sealed ? (rows as BatchRows).events[0]!.prevHash : null;
  let hashes: string | null = null;
  if (sealed) {
    hashes = '';
    let previous = prevHash;
    for (const e of (rows as BatchRows).events) {
      if (e.prevHash !== previous) throw new Error(`event ${e.seq}: its prevHash is not the hash of the event before it in the batch`);
      hashes += e.hash;
      previous = e.hash;
    }
  }
  const postings: unknown[] = [];
  for (const p of rows.postings) postings.push(p.event, p.n, p.debit, p.credit, p.asset, p.amount, p.code);
  const responses: unknown[] = [];
  const templates: unknown[] = [];
  const kept: ReadonlyArray<KeptResponse | UnsealedResponse> = rows.responses ?? [];
  for (let i = 0; i < kept.length; i++) {
    const item = kept[i]!;
    if (!('kept' in item)) {
      responses.push(item.principal, item.key, item.fingerprint, item.status, item.contentType, item.body, item.createdAt);
      continue;
    }
    const { kept: r, firstEvent, eventCount } = item;
    const body = r.body;
    const complete = isCompleteBody(body);
    responses.push(r.principal, r.key, r.fingerprint, r.status, r.contentType, complete ? body : body.before, r.createdAt);
    if (!complete) templates.push(i, body.after, firstEvent, eventCount);
  }
  return { commands, events, prevHash, hashes, postings, responses, templates };
}

/**
 * Rows per multi-row statement, largest first: a batch of a few dozen rows (an HTTP batch) pays
 * better-sqlite3's per-call cost a few times rather than once per row.
 */
const CHUNKS = [64, 16, 4] as const;

/** Inserts flat rows into one table: whole chunks with one statement each, the rest row by row. */
export function inserter(db: Database.Database, table: string, fields: readonly string[], verb = 'INSERT'): (flat: readonly unknown[]) => void {
  const width = fields.length;
  const tuple = `(${fields.map(() => '?').join(', ')})`;
  const head = `${verb} INTO ${table} (${fields.join(', ')}) VALUES `;
  const one = db.prepare(head + tuple);
  const chunks = CHUNKS.map((size) => ({ size, statement: db.prepare(head + Array.from({ length: size }, () => tuple).join(', ')) }));
  return (flat) => {
    const rows = flat.length / width;
    let row = 0;
    for (const { size, statement } of chunks) for (; row + size <= rows; row += size) statement.run(flat.slice(row * width, (row + size) * width));
    for (; row < rows; row++) one.run(flat.slice(row * width, (row + 1) * width));
  };
}
