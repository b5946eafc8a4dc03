/**
 * Between the journal's values and a driver's rows: serialise what the engine produced,
 * parse what a database returns, and read the journal back page by page.
 */
import type { ChainedEvent } from '../../core/journal/index.js';
import type { CommandEnvelope, EventRecord, Posting } from '../../core/journal/types.js';
import type { JournalEntry, KeepRequest, KeptResponse } from '../../core/journal/store.js';
import type { CommandRow, EventRow, JournalDriver, PostingRow } from './driver.js';

/** A problem with what the database holds (not with a command): the store refuses to open. */
export class StorageError extends Error {
  constructor(
    readonly code: 'journal_corrupt' | 'schema_too_new' | 'db_unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export function commandOf(row: CommandRow): CommandEnvelope {
  return { key: row.key, actor: row.actor, type: row.type, at: row.at, payload: JSON.parse(row.payload) as unknown };
}

export function recordOf(row: EventRow): EventRecord {
  return { seq: row.seq, key: row.key, type: row.type, payload: JSON.parse(row.payload) as EventRecord['payload'], prevHash: row.prevHash, hash: row.hash };
}

export function eventRowOf(event: ChainedEvent, actor: string): EventRow {
  const { record } = event;
  return { seq: record.seq, actor, key: record.key, type: record.type, payload: event.payloadJson, prevHash: record.prevHash, hash: record.hash };
}

/** True when a kept response's body is complete, not an `EventsBody` that whoever seals its events fills in. */
export const isCompleteBody = (body: KeepRequest['body']): body is KeptResponse['body'] => typeof body === 'string' || body instanceof Uint8Array;

/** The posting rows of event `seq`. A posting that is not a positive safe integer is a bug of the machine. */
export function postingRowsOf(seq: number, payload: EventRecord['payload'], out: PostingRow[]): void {
  const postings = payload.postings;
  if (postings === undefined) return;
  for (let n = 0; n < postings.length; n++) {
    const p = postings[n] as Posting;
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new Error(`event ${seq}: posting ${n} amount ${p.amount} is not a positive safe integer`);
    out.push({ event: seq, n, debit: p.debit, credit: p.credit, asset: p.asset, amount: p.amount, code: p.code });
  }
}

export interface StoredEntry {
  readonly row: CommandRow;
  readonly events: readonly EventRow[];
}

/** The journal in order (after command `from`), one page of commands (and their events) at a time. */
export async function* readJournal(driver: JournalDriver, pageSize = 5000, from = 0): AsyncGenerator<StoredEntry> {
  let after = from;
  for (;;) {
    const rows = await driver.commandsAfter(after, pageSize);
    if (rows.length === 0) return;
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const events = await driver.events(first.firstEvent, last.firstEvent + last.eventCount - 1);
    let i = 0;
    for (const row of rows) {
      if (row.seq !== after + 1) throw new StorageError('journal_corrupt', `command seq ${after + 1} is missing (found ${row.seq})`);
      const own: EventRow[] = [];
      for (; i < events.length && events[i]!.seq < row.firstEvent + row.eventCount; i++) own.push(events[i]!);
      if (own.length !== row.eventCount || (own[0] !== undefined && own[0].seq !== row.firstEvent)) {
        throw new StorageError('journal_corrupt', `command seq ${row.seq} (${row.actor}/${row.key}) should have events ${row.firstEvent}…${row.firstEvent + row.eventCount - 1}, found ${own.length}`);
      }
      after = row.seq;
      yield { row, events: own };
    }
  }
}

export function entryOf(stored: StoredEntry): JournalEntry {
  return { command: commandOf(stored.row), accepted: stored.row.accepted, events: stored.events.map(recordOf) };
}

/**
 * True when the text has no lone surrogate. Payloads are safe (canonical JSON escapes them),
 * but the envelope's texts are stored as they are, in UTF-8, where a lone surrogate turns
 * into U+FFFD and the stored command no longer matches its hash. (`isWellFormed` is in
 * Node 20, not yet in TypeScript's ES2023 library.)
 */
export const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();
