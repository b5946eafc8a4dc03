/**
 * The main thread's side of the SQLite writer thread: a JournalDriver whose calls are
 * messages, answered in order (the worker handles one at a time).
 */
import { Worker } from 'node:worker_threads';
import type { Balance, ChainHead } from '../../../core/journal/store.js';
import type { BatchRows, CommandRow, EventRow, JournalDriver, SealedReply, SnapshotRow, Snapshotter, UnsealedBatchRows } from '../driver.js';
import type { MigrationReport } from '../migration.js';
import { StorageError } from '../rows.js';
import { flatten } from './insert.js';
import { type ThreadCalls, threadCalls } from './thread-calls.js';
import type { MachineModule, SnapshotterReply, SnapshotterRequest } from './snapshotter.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * A worker from the compiled file beside this one, or from source the .ts through tsx (Node 20
 * does not apply --import hooks to a worker's entry).
 */
function startWorker(name: 'worker' | 'checkpointer' | 'snapshotter', workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, import.meta.url), { workerData });
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData });
}

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

/**
 * The snapshotter thread (snapshotter.ts) of a migrated SQLite file, started at the first
 * snapshot: most runs (and tests) never take one, and the thread costs a module load.
 */
export function snapshotterFor(file: string, machine: MachineModule): Snapshotter {
  let started: Promise<{ thread: Worker; calls: ThreadCalls }> | undefined;
  const start = async (): Promise<{ thread: Worker; calls: ThreadCalls }> => {
    const thread = startWorker('snapshotter', { file, machine });
    await new Promise<void>((resolve, reject) => {
      thread.once('message', () => resolve());
      thread.once('error', reject);
    });
    return { thread, calls: threadCalls<SnapshotterReply>(thread, (reply) => new Error(`snapshotter: ${reply.message}`), 'the snapshotter thread has stopped') };
  };
  let stopped: Promise<void> | undefined;
  return {
    take: async () => {
      if (stopped !== undefined) throw new Error('the snapshotter is stopped');
      const { calls } = await (started ??= start());
      return calls.call<SnapshotRow | null>({ op: 'take' } satisfies Omit<SnapshotterRequest, 'id'>);
    },
    stop: () => (stopped ??= (async () => {
      const running = await started?.catch(() => undefined);
      if (running === undefined) return;
      if (running.calls.dead === undefined) await running.calls.call({ op: 'close' } satisfies Omit<SnapshotterRequest, 'id'>).catch(() => undefined);
      await running.thread.terminate();
    })()),
  };
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
