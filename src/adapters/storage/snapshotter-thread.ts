/**
 * The snapshotter thread: takes the machine's snapshots off the main thread. Its own connection
 * reads the journal inside one read transaction (SQLite's WAL, PostgreSQL's REPEATABLE READ:
 * the writer goes on meanwhile), recovers the state as a store opening would, and answers the
 * new snapshot's row; the main thread hands it to the writer. Later takes decide only the
 * commands journaled since (snapshot-follower.ts). On the main thread a snapshot stopped the
 * event loop for about a second at 150,000 events of the exchange (docs/benchmarks.md, seventh
 * session): every read waited.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Machine } from '../../core/journal/types.js';
import type { DbTarget } from './db-url.js';
import type { JournalDriver, SnapshotRow } from './driver.js';
import { PostgresDriver, openPostgres } from './postgres/driver.js';
import { sha256Hex } from './sha256.js';
import type { MachineModule, SnapshotterReply, SnapshotterRequest } from './snapshotter.js';
import { SnapshotFollower } from './snapshot-follower.js';
import { SqliteDriver } from './sqlite/driver.js';

if (parentPort === null) throw new Error('snapshotter-thread.ts runs as a worker thread');
const port = parentPort;
const { target, machine: where } = workerData as { target: DbTarget; machine: MachineModule };
const factory = ((await import(where.url)) as Record<string, unknown>)[where.factory];
if (typeof factory !== 'function') throw new Error(`snapshotter: ${where.url} exports no function ${where.factory}`);
const machine = (factory as () => Machine<unknown>)();

/** A connection that only reads (the writer's is the one that writes), and how to hold one read transaction. */
interface Reader {
  readonly driver: JournalDriver;
  readonly begin: () => Promise<unknown>;
  readonly commit: () => Promise<unknown>;
  readonly close: () => Promise<unknown>;
  /** The server closed the connection (a restart, an administrator): the next take connects again. */
  readonly lost: () => boolean;
}

async function connect(target: DbTarget): Promise<Reader> {
  if (target.dialect === 'postgres') {
    // openPostgres checks the schema (the store migrated it already) and sets the types the driver reads.
    const { client } = await openPostgres(target.url, 'neutral-snapshotter');
    let lost = false;
    client.on('end', () => void (lost = true));
    return {
      driver: new PostgresDriver(client),
      begin: () => client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'),
      commit: () => client.query('COMMIT'),
      close: () => client.end(),
      lost: () => lost,
    };
  }
  const db = new Database(target.file);
  db.pragma('busy_timeout = 5000');
  return { driver: new SqliteDriver(db), begin: async () => db.exec('BEGIN'), commit: async () => db.exec('COMMIT'), close: async () => db.close(), lost: () => !db.open };
}

/** A connection and the state followed on it. */
interface Following {
  readonly reader: Reader;
  readonly follower: SnapshotFollower<unknown>;
}

/** After a failed take, or a connection the server closed, the next take starts over on a new connection. */
let open: Following | null = null;

async function following(): Promise<Following> {
  if (open !== null && open.reader.lost()) await drop();
  if (open === null) {
    const connected = await connect(target);
    open = { reader: connected, follower: new SnapshotFollower(connected.driver, machine, sha256Hex) };
  }
  return open;
}

async function drop(): Promise<void> {
  const dropped = open;
  open = null;
  await dropped?.reader.close().catch(() => undefined);
}

/** A snapshot of the journal as committed now, read in one transaction; null when the latest snapshot is already there. */
async function take(): Promise<SnapshotRow | null> {
  const { reader, follower } = await following();
  try {
    await reader.begin();
    const row = await follower.take();
    await reader.commit();
    return row;
  } catch (cause) {
    // Closing the connection ends its transaction too.
    await drop();
    throw cause;
  }
}

port.on('message', (request: SnapshotterRequest) => {
  const answer = request.op === 'close' ? drop().then(() => null) : take();
  answer.then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies SnapshotterReply),
    (cause: unknown) => port.postMessage({ id: request.id, ok: false, message: String((cause as Error).message ?? cause) } satisfies SnapshotterReply),
  );
});
port.postMessage('ready');
