/**
 * The main thread's side of the SQLite writer thread: a JournalDriver whose calls are
 * messages, answered in order (the worker handles one at a time).
 */
import { Worker } from 'node:worker_threads';
import type { Balance, ChainHead } from '../../../core/journal/store.js';
import type { BatchRows, CommandRow, EventRow, JournalDriver, SnapshotRow } from '../driver.js';
import type { MigrationReport } from '../migration.js';
import { StorageError } from '../rows.js';
import { flatten } from './insert.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The compiled worker beside this file, or from source the .ts through tsx (Node 20 does not apply --import hooks to a worker's entry). */
function startWorker(file: string): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { workerData: { file } });
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData: { file } });
}

function failure(reply: Extract<WorkerReply, { ok: false }>): Error {
  if (reply.code === 'journal_corrupt' || reply.code === 'schema_too_new' || reply.code === 'db_unavailable') return new StorageError(reply.code, reply.message);
  return Object.assign(new Error(reply.message), reply.code === undefined ? {} : { code: reply.code });
}

export async function openSqliteWorker(file: string): Promise<{ driver: JournalDriver; report: MigrationReport }> {
  const worker = startWorker(file);
  const waiting = new Map<number, { resolve(value: unknown): void; reject(cause: unknown): void }>();
  let nextId = 1;
  let dead: Error | undefined;
  const report = await new Promise<MigrationReport>((resolve, reject) => {
    worker.once('message', (reply: WorkerReply) => (reply.ok ? resolve(reply.value as MigrationReport) : reject(failure(reply))));
    worker.once('error', reject);
  });
  worker.on('message', (reply: WorkerReply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.value);
    else pending?.reject(failure(reply));
  });
  const die = (cause: Error): void => {
    dead ??= cause;
    for (const pending of waiting.values()) pending.reject(cause);
    waiting.clear();
  };
  worker.on('error', die);
  worker.on('exit', () => die(new Error('the SQLite writer thread has stopped')));
  const call = <T>(request: Request): Promise<T> => {
    if (dead !== undefined) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  };
  const driver: JournalDriver = {
    append: (rows: BatchRows) => call<void>({ op: 'append', flat: flatten(rows) }),
    commandsAfter: (afterSeq, limit) => call<readonly CommandRow[]>({ op: 'commandsAfter', args: [afterSeq, limit] }),
    command: (actor, key) => call<CommandRow | undefined>({ op: 'command', args: [actor, key] }),
    events: (from, to) => call<readonly EventRow[]>({ op: 'events', args: [from, to] }),
    head: () => call<ChainHead>({ op: 'head' }),
    balances: () => call<readonly Balance[]>({ op: 'balances' }),
    saveSnapshot: (row) => call<void>({ op: 'saveSnapshot', row }),
    latestSnapshot: () => call<SnapshotRow | undefined>({ op: 'latestSnapshot' }),
    close: async () => {
      if (dead !== undefined) return;
      await call<void>({ op: 'close' });
      dead = new Error('the store is closed');
      await worker.terminate();
    },
  };
  return { driver, report };
}
