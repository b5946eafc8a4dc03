/**
 * SQLite schema, by version. STRICT tables so that an INTEGER column holds integers only
 * (never a REAL or a blob); amounts are INTEGER minor units (style.md §3–4).
 */
import type Database from 'better-sqlite3';
import { type Migration, type MigrationReport, pendingMigrations } from '../migration.js';
import { StorageError } from '../rows.js';

const APPEND_ONLY = (table: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'journal: commands, chained events, postings',
    sql: `
CREATE TABLE commands (
  seq INTEGER PRIMARY KEY,
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  payload TEXT NOT NULL,
  accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
  first_use INTEGER NOT NULL CHECK (first_use IN (0, 1)),
  first_event INTEGER NOT NULL,
  event_count INTEGER NOT NULL CHECK (event_count >= 0)
) STRICT;
-- The idempotency constraint: one first use per (actor, key); a reused key's rejection is journaled beside it.
-- Key first: time-ordered keys (UUIDv7, ULID) then append at the right edge of the index
-- instead of dirtying a page per actor in every commit.
CREATE UNIQUE INDEX commands_idempotency ON commands (key, actor) WHERE first_use = 1;
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TABLE postings (
  event INTEGER NOT NULL,
  n INTEGER NOT NULL,
  debit TEXT NOT NULL,
  credit TEXT NOT NULL,
  asset TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  code TEXT NOT NULL,
  PRIMARY KEY (event, n)
) STRICT, WITHOUT ROWID;
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
  command_seq INTEGER PRIMARY KEY,
  event_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  state_hash TEXT NOT NULL,
  shape_hash TEXT NOT NULL
) STRICT;
`,
  },
];

/** Applies pending migrations in one IMMEDIATE transaction (a second migrator waits, then finds nothing to do). */
export function migrateSqlite(db: Database.Database): MigrationReport {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  return db.transaction((): MigrationReport => {
    const row = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number };
    const pending = pendingMigrations(SQLITE_MIGRATIONS, row.v);
    if ('tooNew' in pending) throw new StorageError('schema_too_new', `the database has schema version ${pending.tooNew}; this program knows up to ${pending.latest}: upgrade the program`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
    return { applied: pending, version: pending.at(-1)?.version ?? row.v };
  }).immediate();
}
