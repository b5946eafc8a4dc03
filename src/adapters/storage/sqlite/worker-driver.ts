/**
 * The main thread's side of the SQLite writer thread: a JournalDriver whose calls are
 * messages, answered in order (the worker handles one at a time).
 */
import type { Worker } from 'node:worker_threads';
import type { Balance, ChainHead } from '../../../core/journal/store.js';
import type { BatchRows, CommandRow, EventRow, JournalDriver, SealedReply, SnapshotRow, UnsealedBatchRows } from '../driver.js';
import type { MigrationReport } from '../migration.js';
import { StorageError } from '../rows.js';
import { flatten } from './insert.js';
import { threadCalls } from '../thread-calls.js';
import { startThread } from '../threads.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** One of this folder's thread modules. */
const startWorker = (name: 'worker' | 'checkpointer', workerData: unknown): Worker => startThread(new URL(`./${name}.ts`, import.meta.url), workerData);

/** How often the checkpointer thread copies the WAL back into the database file. */
const CHECKPOINT_EVERY_MS = 50;

/** The checkpointer thread (checkpointer.ts), started once the writer has migrated the file; resolves when it is ready. */
async function startCheckpointer(file: string): Promise<{ stop(): Promise<void> }> {
  const thread = startWorker('checkpointer', { file, intervalMs: CHECKPOINT_EVERY_MS });
  await new Promise<void>((resolve, reject) => {
    thread.once('message', () => resolve());
    thread.once('error', reject);
  });
  // A checkpointer that dies costs only time: the writer's own automatic checkpoint takes over.
  thread.on('error', () => undefined);
  // Stopped once: by close, or when the writer thread ends (after close too).
  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => {
      thread.once('message', () => resolve());
      thread.once('exit', () => resolve());
    });
    thread.postMessage('close');
    await closed;
    await thread.terminate();
  };
  return { stop: () => (stopped ??= stop()) };
}

function failure(reply: Extract<WorkerReply, { ok: false }>): Error {
  if (reply.code === 'journal_corrupt' || reply.code === 'schema_too_new' || reply.code === 'db_unavailable') return new StorageError(reply.code, reply.message);
  return Object.assign(new Error(reply.message), reply.code === undefined ? {} : { code: reply.code });
}

export async function openSqliteWorker(file: string): Promise<{ driver: JournalDriver; report: MigrationReport }> {
  const withCheckpointer = file !== ':memory:';
  // With the checkpointer thread keeping the WAL short, the writer checkpoints by itself only past
  // 16,384 pages (64 MiB), should that thread fall behind.
  const worker = startWorker('worker', { file, walAutocheckpointPages: withCheckpointer ? 16_384 : 1000 });
  const report = await new Promise<MigrationReport>((resolve, reject) => {
    worker.once('message', (reply: WorkerReply) => (reply.ok ? resolve(reply.value as MigrationReport) : reject(failure(reply))));
    worker.once('error', reject);
  });
  const checkpointer = !withCheckpointer ? null : await startCheckpointer(file).catch(async (cause: unknown) => {
    await worker.terminate();
    throw cause;
  });
  const calls = threadCalls<WorkerReply>(worker, failure, 'the SQLite writer thread has stopped');
  worker.on('exit', () => void checkpointer?.stop());
  const call = <T>(request: Request): Promise<T> => calls.call<T>(request);
  const driver: JournalDriver = {
    // One writer thread takes the messages in order; each transaction checks the stored head (seal.ts).
    writesInOrder: true,
    append: (rows: BatchRows) => call<void>({ op: 'append', flat: flatten(rows) }),
    appendUnsealed: (rows: UnsealedBatchRows) => call<SealedReply>({ op: 'append', flat: flatten(rows) }),
    commandsAfter: (afterSeq, limit) => call<readonly CommandRow[]>({ op: 'commandsAfter', args: [afterSeq, limit] }),
    command: (actor, key) => call<CommandRow | undefined>({ op: 'command', args: [actor, key] }),
    events: (from, to) => call<readonly EventRow[]>({ op: 'events', args: [from, to] }),
    head: () => call<ChainHead>({ op: 'head' }),
    balances: () => call<readonly Balance[]>({ op: 'balances' }),
    saveSnapshot: (row) => call<void>({ op: 'saveSnapshot', row }),
    latestSnapshot: () => call<SnapshotRow | undefined>({ op: 'latestSnapshot' }),
    close: async () => {
      if (calls.dead !== undefined) return;
      await checkpointer?.stop();
      await call<void>({ op: 'close' });
      calls.end(new Error('the store is closed'));
      await worker.terminate();
    },
  };
  return { driver, report };
}
