/**
 * The SQLite snapshotter thread: takes the machine's snapshots off the main thread. Its own
 * connection reads the journal inside one read transaction (WAL: the writer goes on meanwhile),
 * recovers the state as a store opening would (the latest snapshot, then the commands after it
 * decided again and checked against their stored events), and answers the new snapshot's row;
 * the main thread hands it to the writer. Later takes decide only the commands journaled since
 * (snapshot-follower.ts). On the main thread a snapshot stopped the event loop
 * for about a second at 150,000 events of the exchange (docs/benchmarks.md, seventh session):
 * every read waited.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Machine } from '../../../core/journal/types.js';
import type { SnapshotRow } from '../driver.js';
import { SnapshotFollower } from '../snapshot-follower.js';
import { sha256Hex } from '../sha256.js';
import { SqliteDriver } from './driver.js';

/** Where the thread finds the machine: a module and the name of its exported factory (no arguments). */
export interface MachineModule {
  readonly url: string;
  readonly factory: string;
}

export type SnapshotterRequest = { readonly id: number; readonly op: 'take' | 'close' };
export type SnapshotterReply = { readonly id: number; readonly ok: true; readonly value: SnapshotRow | null } | { readonly id: number; readonly ok: false; readonly message: string };

if (parentPort === null) throw new Error('sqlite/snapshotter.ts runs as a worker thread');
const port = parentPort;
const { file, machine: where } = workerData as { file: string; machine: MachineModule };
const factory = ((await import(where.url)) as Record<string, unknown>)[where.factory];
if (typeof factory !== 'function') throw new Error(`snapshotter: ${where.url} exports no function ${where.factory}`);
const machine = (factory as () => Machine<unknown>)();
const db = new Database(file);
db.pragma('busy_timeout = 5000');
// Reads only: the writer thread's connection is the one that writes.
const driver = new SqliteDriver(db);
const follower = new SnapshotFollower(driver, machine, sha256Hex);

/** A snapshot of the journal as committed now, read in one transaction; null when the latest snapshot is already there. */
async function take(): Promise<SnapshotRow | null> {
  db.exec('BEGIN');
  try {
    return await follower.take();
  } finally {
    db.exec('COMMIT');
  }
}

port.on('message', (request: SnapshotterRequest) => {
  if (request.op === 'close') {
    db.close();
    port.postMessage({ id: request.id, ok: true, value: null } satisfies SnapshotterReply);
    return;
  }
  take().then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies SnapshotterReply),
    (cause: unknown) => port.postMessage({ id: request.id, ok: false, message: String((cause as Error).message ?? cause) } satisfies SnapshotterReply),
  );
});
port.postMessage('ready');
