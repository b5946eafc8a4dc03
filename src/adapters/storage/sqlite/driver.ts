/**
 * The SQLite dialect (better-sqlite3): WAL, `synchronous=FULL` so that a COMMIT has reached
 * the disk before it returns, one IMMEDIATE transaction per batch. better-sqlite3 is
 * synchronous, so `append` blocks the event loop for the batch: group commit is what makes
 * that pay (one fsync for many commands).
 */
import Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../../core/journal/types.js';
import type { Balance, ChainHead } from '../../../core/journal/store.js';
import type { BatchRows, CommandRow, EventRow, JournalDriver, SealedReply, SnapshotRow, UnsealedBatchRows } from '../driver.js';
import type { MigrationReport } from '../migration.js';
import { sha256Hex } from '../sha256.js';
import { COMMAND_FIELDS, EVENT_FIELDS, type FlatRows, POSTING_FIELDS, RESPONSE_FIELDS, flatten, inserter } from './insert.js';
import { migrateSqlite } from './migrations.js';
import { completeBodies, sealEvents } from './seal.js';

/**
 * Opens (creating when absent) and migrates. `walAutocheckpointPages`: the WAL size at which a
 * COMMIT checkpoints by itself (SQLite's default 1,000; far more when a checkpointer thread runs).
 */
export function openSqlite(file: string, walAutocheckpointPages = 1000): { db: Database.Database; report: MigrationReport } {
  const db = new Database(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && file !== ':memory:') throw new Error(`SQLite refused WAL mode (${String(mode)}) for ${file}`);
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma(`wal_autocheckpoint = ${Math.floor(walAutocheckpointPages)}`);
    return { db, report: migrateSqlite(db) };
  } catch (cause) {
    db.close();
    throw cause;
  }
}

const COMMAND_COLUMNS = 'seq, actor, key, type, at, payload, accepted, first_use AS firstUse, first_event AS firstEvent, event_count AS eventCount';
const EVENT_COLUMNS = 'seq, actor, key, type, payload, prev_hash AS prevHash, hash';

type RawCommand = Omit<CommandRow, 'accepted' | 'firstUse'> & { accepted: number; firstUse: number };
const commandRow = (raw: RawCommand): CommandRow => ({ ...raw, accepted: raw.accepted === 1, firstUse: raw.firstUse === 1 });

export class SqliteDriver implements JournalDriver {
  /** Each append is its own transaction, run at the call, and checks the stored head (seal.ts). */
  readonly writesInOrder = true;
  readonly #db: Database.Database;
  readonly #write: (flat: FlatRows) => SealedReply | null;
  readonly #commandsAfter: Database.Statement<[number, number], RawCommand>;
  readonly #command: Database.Statement<[string, string], RawCommand>; // (key, actor)
  readonly #events: Database.Statement<[number, number], EventRow>;
  readonly #head: Database.Statement<[], ChainHead>;
  readonly #balances: Database.Statement<[], { account: string; asset: string; amount: bigint }>;
  readonly #saveSnapshot: (row: SnapshotRow) => void;
  readonly #latestSnapshot: Database.Statement<[], SnapshotRow>;

  constructor(db: Database.Database) {
    this.#db = db;
    const insertCommands = inserter(db, 'commands', COMMAND_FIELDS);
    const insertEvents = inserter(db, 'events', EVENT_FIELDS);
    const insertPostings = inserter(db, 'postings', POSTING_FIELDS);
    // Prepared on first use: the table is the accounts' (same database file), absent where no API runs.
    let insertResponses: ((flat: readonly unknown[]) => void) | undefined;
    const head = db.prepare<[], ChainHead>('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
    const write = db.transaction((flat: FlatRows): SealedReply | null => {
      // The head read inside the IMMEDIATE transaction: no cache to go stale after a rollback.
      const sealed = sealEvents(flat, head.get() ?? { seq: 0, hash: GENESIS_HASH }, sha256Hex);
      insertCommands(flat.commands);
      insertEvents(sealed.rows);
      insertPostings(flat.postings);
      const reply = sealed.reply === null ? null : { hashes: sealed.reply, bodies: completeBodies(flat, sealed.rows) };
      if (flat.responses.length === 0) return reply;
      insertResponses ??= inserter(db, 'idempotent_responses', RESPONSE_FIELDS, 'INSERT OR IGNORE');
      // The column is a BLOB: a text body becomes its UTF-8 bytes here (on the writer thread); a
      // byte array posted from the main thread arrives as a plain Uint8Array, which SQLite binds only as a Buffer.
      const width = RESPONSE_FIELDS.length;
      const body = RESPONSE_FIELDS.indexOf('body');
      for (let i = body; i < flat.responses.length; i += width) {
        const value = flat.responses[i] as Uint8Array | string;
        if (typeof value === 'string') flat.responses[i] = Buffer.from(value, 'utf8');
        else if (!Buffer.isBuffer(value)) flat.responses[i] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      }
      insertResponses(flat.responses);
      return reply;
    });
    this.#write = (flat) => write.immediate(flat);
    this.#commandsAfter = db.prepare(`SELECT ${COMMAND_COLUMNS} FROM commands WHERE seq > ? ORDER BY seq LIMIT ?`);
    this.#command = db.prepare(`SELECT ${COMMAND_COLUMNS} FROM commands WHERE key = ? AND actor = ? AND first_use = 1`);
    this.#events = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq`);
    this.#head = head;
    // Sums as BigInt, checked below: a total beyond 2^53 must fail loudly, never round.
    this.#balances = db.prepare(`SELECT account, asset, SUM(amount) AS amount FROM (
        SELECT credit AS account, asset, amount FROM postings UNION ALL SELECT debit, asset, -amount FROM postings
      ) GROUP BY account, asset`).safeIntegers(true) as Database.Statement<[], { account: string; asset: string; amount: bigint }>;
    const insertSnapshot = db.prepare('INSERT INTO snapshots (command_seq, event_seq, head_hash, state, state_hash, shape_hash) VALUES (?, ?, ?, ?, ?, ?)');
    const pruneSnapshots = db.prepare('DELETE FROM snapshots WHERE command_seq < (SELECT MIN(command_seq) FROM (SELECT command_seq FROM snapshots ORDER BY command_seq DESC LIMIT 2))');
    const save = db.transaction((r: SnapshotRow) => {
      insertSnapshot.run(r.commandSeq, r.eventSeq, r.headHash, r.state, r.stateHash, r.shapeHash);
      pruneSnapshots.run();
    });
    this.#saveSnapshot = (row) => save.immediate(row);
    this.#latestSnapshot = db.prepare(`SELECT command_seq AS commandSeq, event_seq AS eventSeq, head_hash AS headHash, state, state_hash AS stateHash, shape_hash AS shapeHash
      FROM snapshots ORDER BY command_seq DESC LIMIT 1`);
  }

  async saveSnapshot(row: SnapshotRow): Promise<void> {
    this.#saveSnapshot(row);
  }

  async latestSnapshot(): Promise<SnapshotRow | undefined> {
    return this.#latestSnapshot.get();
  }

  async append(rows: BatchRows): Promise<void> {
    this.#write(flatten(rows));
  }

  async appendUnsealed(rows: UnsealedBatchRows): Promise<SealedReply> {
    return this.#write(flatten(rows))!;
  }

  /** For the writer thread, which receives rows already flattened: an unsealed batch's hashes and completed bodies (see seal.ts), or null. */
  appendFlat(flat: FlatRows): SealedReply | null {
    return this.#write(flat);
  }

  async commandsAfter(afterSeq: number, limit: number): Promise<readonly CommandRow[]> {
    return this.#commandsAfter.all(afterSeq, limit).map(commandRow);
  }

  async command(actor: string, key: string): Promise<CommandRow | undefined> {
    const raw = this.#command.get(key, actor);
    return raw === undefined ? undefined : commandRow(raw);
  }

  async events(from: number, to: number): Promise<readonly EventRow[]> {
    return this.#events.all(from, to);
  }

  async head(): Promise<ChainHead> {
    return this.#head.get() ?? { seq: 0, hash: GENESIS_HASH };
  }

  async balances(): Promise<readonly Balance[]> {
    return this.#balances.all().map((r) => ({ account: r.account, asset: r.asset, amount: safeNumber(r.amount, `balance of ${r.account} in ${r.asset}`) }));
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

export function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error(`${what} is ${value}, beyond 2^53`);
  return Number(value);
}
