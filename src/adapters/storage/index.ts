/**
 * Durable stores of the command journal (the port is `core/journal/store.ts`): SQLite, the
 * embedded default, and PostgreSQL, the production store; both group-commit.
 *
 * @example
 * const target = parseDb('sqlite:./neutral.db');
 * if (target.ok) {
 *   const store = await openStore(target.value, machine);
 *   const [ack] = await store.submit([command]); // after COMMIT
 * }
 */
export { DEFAULT_DB, type DbTarget, describeDb, parseDb } from './db-url.js';
export { type GroupCommitOptions, sha256Hex } from './group-commit.js';
export type { Migration, MigrationReport } from './migration.js';
export { type OpenOptions, migrateDb, openStore } from './open.js';
export { StorageError } from './rows.js';
