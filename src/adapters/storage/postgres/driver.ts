/**
 * The PostgreSQL dialect (pg): one connection, `synchronous_commit = on` so that a COMMIT is
 * on disk before it returns. A batch is one transaction: its rows go in by COPY (copy.ts),
 * or, when COPY cannot carry a text unchanged, as JSON taken apart by json_to_recordset.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { GENESIS_HASH } from '../../../core/journal/types.js';
import type { Balance, ChainHead, KeptResponse } from '../../../core/journal/store.js';
import type { BatchRows, CommandRow, EventRow, JournalDriver, SnapshotRow } from '../driver.js';
import type { MigrationReport } from '../migration.js';
import { StorageError } from '../rows.js';
import { COPY_COMMANDS, COPY_EVENTS, COPY_POSTINGS, commandLines, copyable, eventLines, postingLines } from './copy.js';
import { migratePostgres } from './migrations.js';

const INT8_OID = 20;

/** BIGINT as a JavaScript number, or an error: never a silently rounded amount. */
export function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`integer ${text} is beyond 2^53`);
  return value;
}

const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? parseSafeInteger : pg.types.getTypeParser(oid, format ?? 'text'))) as typeof pg.types.getTypeParser,
};

const APPEND = `
WITH c AS (
  INSERT INTO commands (seq, actor, key, type, at, payload, accepted, first_use, first_event, event_count)
  SELECT seq, actor, key, type, at, payload::json, accepted, "firstUse", "firstEvent", "eventCount"
  FROM json_to_recordset($1::json) AS x(seq bigint, actor text, key text, type text, at text, payload text, accepted boolean, "firstUse" boolean, "firstEvent" bigint, "eventCount" integer)
), e AS (
  INSERT INTO events (seq, actor, key, type, payload, prev_hash, hash)
  SELECT seq, actor, key, type, payload::json, "prevHash", hash
  FROM json_to_recordset($2::json) AS x(seq bigint, actor text, key text, type text, payload text, "prevHash" text, hash text)
)
INSERT INTO postings (event, n, debit, credit, asset, amount, code)
SELECT event, n, debit, credit, asset, amount, code
FROM json_to_recordset($3::json) AS x(event bigint, n integer, debit text, credit text, asset text, amount bigint, code text)`;

/** Batches of fewer commands go in as one JSON statement: COPY's extra round trips cost more than it saves on a few rows. */
const COPY_MIN_COMMANDS = 32;

const RESPONSES_FROM_JSON = (param: string): string => `INSERT INTO idempotent_responses (principal, key, fingerprint, status, content_type, body, created_at)
  SELECT principal, key, fingerprint, status, "contentType", decode(body, 'base64'), "createdAt"
  FROM json_to_recordset(${param}::json) AS x(principal text, key text, fingerprint text, status integer, "contentType" text, body text, "createdAt" text)
  ON CONFLICT DO NOTHING`;

/** Stored answers of idempotent requests (the accounts' table, same database), in the batch's transaction; a first save of (principal, key) wins. */
const INSERT_RESPONSES = RESPONSES_FROM_JSON('$1');

/** The JSON statement with the stored responses: still one statement, one transaction. */
const APPEND_WITH_RESPONSES = APPEND.replace('\nINSERT INTO postings', `, r AS (\n  ${RESPONSES_FROM_JSON('$4')}\n)\nINSERT INTO postings`);

function responsesJson(responses: readonly KeptResponse[]): string {
  const bytes = (body: Uint8Array | string): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  return JSON.stringify(responses.map((r) => ({ ...r, body: bytes(r.body).toString('base64') })));
}

const COMMAND_COLUMNS = 'seq, actor, key, type, at, payload::text AS payload, accepted, first_use AS "firstUse", first_event AS "firstEvent", event_count AS "eventCount"';
const EVENT_COLUMNS = 'seq, actor, key, type, payload::text AS payload, prev_hash AS "prevHash", hash';

/** Connects, sets durable commits, migrates. `applicationName` is what `pg_stat_activity` shows for the connection. */
export async function openPostgres(url: string, applicationName = 'neutral'): Promise<{ client: pg.Client; report: MigrationReport }> {
  const client = new pg.Client({ connectionString: url, types: TYPES, application_name: applicationName });
  // A lost connection is reported by the next query; without a listener it would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (cause) {
    throw new StorageError('db_unavailable', `cannot connect to PostgreSQL: ${(cause as Error).message}`);
  }
  try {
    await client.query('SET synchronous_commit = on');
    return { client, report: await migratePostgres(client) };
  } catch (cause) {
    await client.end().catch(() => undefined);
    throw cause;
  }
}

export class PostgresDriver implements JournalDriver {
  /** One query at a time, in call order: a pg.Client must not be asked twice at once. */
  #last: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: pg.Client) {}

  /** Runs `work` on the connection once everything asked before it has finished. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#last.then(work);
    this.#last = run.catch(() => undefined);
    return run;
  }

  #query<R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.#exclusive(() => this.client.query<R>(text, values as unknown[]));
  }

  async append(rows: BatchRows): Promise<void> {
    const responses = rows.responses ?? [];
    if (rows.commands.length < COPY_MIN_COMMANDS || !copyable(rows)) {
      // One statement, one round trip: what a small batch needs (and a batch COPY cannot carry unchanged).
      const values = [JSON.stringify(rows.commands), JSON.stringify(rows.events), JSON.stringify(rows.postings)];
      await (responses.length === 0 ? this.#query(APPEND, values) : this.#query(APPEND_WITH_RESPONSES, [...values, responsesJson(responses)]));
      return;
    }
    // A large batch: COPY for the journal's rows (about half the server's CPU of
    // json_to_recordset) and the stored responses, in one transaction of five round trips.
    const lines = [commandLines(rows.commands), eventLines(rows.events), postingLines(rows.postings)] as const;
    await this.#exclusive(async () => {
      await this.client.query('BEGIN');
      try {
        await this.#copy(COPY_COMMANDS, lines[0]);
        await this.#copy(COPY_EVENTS, lines[1]);
        await this.#copy(COPY_POSTINGS, lines[2]);
        if (responses.length > 0) await this.client.query(INSERT_RESPONSES, [responsesJson(responses)]);
        await this.client.query('COMMIT');
      } catch (cause) {
        await this.client.query('ROLLBACK').catch(() => undefined);
        throw cause;
      }
    });
  }

  async #copy(statement: string, text: string): Promise<void> {
    if (text.length === 0) return;
    await pipeline(Readable.from([Buffer.from(text, 'utf8')]), this.client.query(copyFrom(statement)));
  }

  async commandsAfter(afterSeq: number, limit: number): Promise<readonly CommandRow[]> {
    return (await this.#query<CommandRow>(`SELECT ${COMMAND_COLUMNS} FROM commands WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit])).rows;
  }

  async command(actor: string, key: string): Promise<CommandRow | undefined> {
    return (await this.#query<CommandRow>(`SELECT ${COMMAND_COLUMNS} FROM commands WHERE key = $1 AND actor = $2 AND first_use`, [key, actor])).rows[0];
  }

  async events(from: number, to: number): Promise<readonly EventRow[]> {
    return (await this.#query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq BETWEEN $1 AND $2 ORDER BY seq`, [from, to])).rows;
  }

  async head(): Promise<ChainHead> {
    return (await this.#query<ChainHead>('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1')).rows[0] ?? { seq: 0, hash: GENESIS_HASH };
  }

  async balances(): Promise<readonly Balance[]> {
    // SUM(bigint) is numeric: carried as text and checked, never rounded.
    const { rows } = await this.#query<{ account: string; asset: string; amount: string }>(`SELECT account, asset, SUM(amount)::text AS amount FROM (
        SELECT credit AS account, asset, amount FROM postings UNION ALL SELECT debit, asset, -amount FROM postings
      ) AS p GROUP BY account, asset`);
    return rows.map((r) => ({ account: r.account, asset: r.asset, amount: parseSafeInteger(r.amount) }));
  }

  async saveSnapshot(row: SnapshotRow): Promise<void> {
    await this.#query(`WITH saved AS (
        INSERT INTO snapshots (command_seq, event_seq, head_hash, state, state_hash, shape_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING command_seq
      ) DELETE FROM snapshots WHERE command_seq < (SELECT MIN(command_seq) FROM (SELECT command_seq FROM snapshots ORDER BY command_seq DESC LIMIT 1) AS kept)`,
    [row.commandSeq, row.eventSeq, row.headHash, row.state, row.stateHash, row.shapeHash]);
  }

  async latestSnapshot(): Promise<SnapshotRow | undefined> {
    const { rows } = await this.#query<SnapshotRow>(`SELECT command_seq AS "commandSeq", event_seq AS "eventSeq", head_hash AS "headHash", state, state_hash AS "stateHash", shape_hash AS "shapeHash"
      FROM snapshots ORDER BY command_seq DESC LIMIT 1`);
    return rows[0];
  }

  async close(): Promise<void> {
    await this.#last;
    await this.client.end();
  }
}
