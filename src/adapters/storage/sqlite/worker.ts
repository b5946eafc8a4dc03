/**
 * The SQLite writer thread: owns the connection, so that inserts and the COMMIT's fsync run
 * beside the main thread, which meanwhile decides and chains the next batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteDriver, openSqlite } from './driver.js';
import type { SnapshotRow } from '../driver.js';
import type { FlatRows } from './insert.js';

export type WorkerRequest =
  | { readonly id: number; readonly op: 'append'; readonly flat: FlatRows }
  | { readonly id: number; readonly op: 'commandsAfter'; readonly args: [number, number] }
  | { readonly id: number; readonly op: 'command'; readonly args: [string, string] }
  | { readonly id: number; readonly op: 'events'; readonly args: [number, number] }
  | { readonly id: number; readonly op: 'saveSnapshot'; readonly row: SnapshotRow }
  | { readonly id: number; readonly op: 'head' | 'balances' | 'latestSnapshot' | 'close' };

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly code?: string };

if (parentPort === null) throw new Error('sqlite/worker.ts runs as a worker thread');
const port = parentPort;

function failed(id: number, cause: unknown): WorkerReply {
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? { id, ok: false, message: (cause as Error).message, code } : { id, ok: false, message: String((cause as Error).message ?? cause) };
}

let driver: SqliteDriver;
try {
  const { file, walAutocheckpointPages } = workerData as { file: string; walAutocheckpointPages: number };
  const opened = openSqlite(file, walAutocheckpointPages);
  driver = new SqliteDriver(opened.db);
  port.postMessage({ id: 0, ok: true, value: opened.report });
} catch (cause) {
  port.postMessage(failed(0, cause));
  throw cause;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'append':
      return driver.appendFlat(request.flat);
    case 'commandsAfter':
      return driver.commandsAfter(...request.args);
    case 'command':
      return driver.command(...request.args);
    case 'events':
      return driver.events(...request.args);
    case 'head':
      return driver.head();
    case 'balances':
      return driver.balances();
    case 'saveSnapshot':
      return driver.saveSnapshot(request.row);
    case 'latestSnapshot':
      return driver.latestSnapshot();
    case 'close':
      // The main thread terminates this thread once it has the answer.
      return driver.close();
  }
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies WorkerReply),
    (cause: unknown) => port.postMessage(failed(request.id, cause)),
  );
});
