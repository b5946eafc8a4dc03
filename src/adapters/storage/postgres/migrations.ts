/**
 * PostgreSQL schema, by version. Amounts and sequence numbers are BIGINT, read back through a
 * parser that refuses anything beyond 2^53 (style.md §3–4). Payloads are `json`, not `jsonb`:
 * json keeps the exact text, and the hash covers the exact text.
 */
import type pg from 'pg';
import { type Migration, type MigrationReport, pendingMigrations } from '../migration.js';
import { StorageError } from '../rows.js';

const APPEND_ONLY = (table: string): string => `
CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION journal_append_only();
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();`;

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'journal: commands, chained events, postings',
    sql: `
CREATE TABLE commands (
  seq BIGINT PRIMARY KEY,
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  payload JSON NOT NULL,
  accepted BOOLEAN NOT NULL,
  first_use BOOLEAN NOT NULL,
  first_event BIGINT NOT NULL,
  event_count INTEGER NOT NULL CHECK (event_count >= 0)
);
-- The idempotency constraint: one first use per (actor, key); a reused key's rejection is journaled beside it.
-- Key first, so that time-ordered keys (UUIDv7, ULID) append at the right edge of the index.
CREATE UNIQUE INDEX commands_idempotency ON commands (key, actor) WHERE first_use;
CREATE TABLE events (
  seq BIGINT PRIMARY KEY,
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  payload JSON NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE postings (
  event BIGINT NOT NULL,
  n INTEGER NOT NULL,
  debit TEXT NOT NULL,
  credit TEXT NOT NULL,
  asset TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  code TEXT NOT NULL,
  PRIMARY KEY (event, n)
);
CREATE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
${APPEND_ONLY('commands')}
${APPEND_ONLY('events')}
${APPEND_ONLY('postings')}
`,
  },
  {
    version: 2,
    name: 'snapshots of the machine state (recovery replays only the tail)',
    sql: `
-- Derived data, not part of the journal: a snapshot can be dropped at any time (recovery then replays everything).
CREATE TABLE snapshots (
  command_seq BIGINT PRIMARY KEY,
  event_seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  state_hash TEXT NOT NULL,
  shape_hash TEXT NOT NULL
);
`,
  },
];

/** Applies pending migrations in one transaction, under an advisory lock so that two migrators take turns. */
export async function migratePostgres(client: pg.Client): Promise<MigrationReport> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('neutral schema_migrations'))");
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    const pending = pendingMigrations(POSTGRES_MIGRATIONS, current);
    if ('tooNew' in pending) throw new StorageError('schema_too_new', `the database has schema version ${pending.tooNew}; this program knows up to ${pending.latest}: upgrade the program`);
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return { applied: pending, version: pending.at(-1)?.version ?? current };
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw cause;
  }
}
