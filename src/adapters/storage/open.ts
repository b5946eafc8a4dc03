/** Opens a store or migrates a database by `--db` target: the one place that picks a dialect. */
import type { CommandStore } from '../../core/journal/store.js';
import type { Machine } from '../../core/journal/types.js';
import type { DbTarget } from './db-url.js';
import type { JournalDriver, Snapshotter } from './driver.js';
import { type GroupCommitOptions, openGroupCommitStore } from './group-commit.js';
import type { MigrationReport } from './migration.js';
import { PostgresDriver, openPostgres } from './postgres/driver.js';
import { SqliteDriver, openSqlite } from './sqlite/driver.js';
import { type MachineModule, snapshotterFor } from './snapshotter.js';
import { openSqliteWorker } from './sqlite/worker-driver.js';

export interface OpenOptions extends GroupCommitOptions {
  /** SQLite only: write on a worker thread (default), or on the calling thread. */
  readonly sqliteThread?: 'worker' | 'main';
  /**
   * Where a thread finds the machine, to take the snapshots off the main thread (snapshotter.ts):
   * PostgreSQL, or a SQLite file with the writer thread. Without it, snapshots are taken on the
   * main thread.
   */
  readonly machineModule?: MachineModule;
}

/** Connects and migrates; the driver is the dialect's own. */
export async function openDriver(target: DbTarget, options: OpenOptions = {}): Promise<{ driver: JournalDriver; report: MigrationReport }> {
  if (target.dialect === 'postgres') {
    const { client, report } = await openPostgres(target.url);
    return { driver: new PostgresDriver(client), report };
  }
  if (options.sqliteThread === 'main') {
    const { db, report } = openSqlite(target.file);
    return { driver: new SqliteDriver(db), report };
  }
  return openSqliteWorker(target.file);
}

/** Migrates, recovers the machine's state from the journal, and accepts commands. */
export async function openStore<State>(target: DbTarget, machine: Machine<State>, options: OpenOptions = {}): Promise<CommandStore<State>> {
  const { driver } = await openDriver(target, options);
  const threaded = target.dialect === 'postgres' || (target.file !== ':memory:' && options.sqliteThread !== 'main');
  const aside = threaded && options.machineModule !== undefined && options.snapshotEvery !== 0;
  const snapshotter: Snapshotter | undefined = aside ? snapshotterFor(target, options.machineModule!) : undefined;
  try {
    return await openGroupCommitStore(driver, machine, snapshotter === undefined ? options : { ...options, snapshotter });
  } catch (cause) {
    await snapshotter?.stop();
    throw cause;
  }
}

/** `neutral db migrate`: applies pending migrations and closes. */
export async function migrateDb(target: DbTarget): Promise<MigrationReport> {
  const { driver, report } = await openDriver(target, { sqliteThread: 'main' });
  await driver.close();
  return report;
}
