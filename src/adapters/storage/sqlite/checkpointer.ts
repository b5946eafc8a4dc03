/**
 * The SQLite checkpointer thread: its own connection copies the write-ahead log back into the
 * database file every few milliseconds (`wal_checkpoint(PASSIVE)`, which never waits for the
 * writer nor makes it wait). Left to the writer, a checkpoint runs inside the COMMIT that
 * crosses 1,000 WAL pages and stalls it: on this machine one commit in ~60 took 17–25 ms instead
 * of under 1, and every request of that batch waited. The writer keeps a far larger automatic
 * checkpoint only as a safety net (driver.ts), should this thread fall behind.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

if (parentPort === null) throw new Error('sqlite/checkpointer.ts runs as a worker thread');
const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new Database(file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A checkpoint that cannot run now (the database busy or closing) runs at the next tick; the WAL stays valid.
  }
}, intervalMs);
parentPort.on('message', (message: unknown) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort!.postMessage('closed');
});
parentPort.postMessage('ready');
