/**
 * The main thread's side of the snapshotter thread (snapshotter-thread.ts), for a SQLite file
 * or a PostgreSQL database: it takes the machine's snapshots on its own connection, and the main
 * thread only hands the row to the store's writer. Started at the first snapshot: most runs
 * (and tests) never take one, and the thread costs a module load.
 */
import type { Worker } from 'node:worker_threads';
import type { DbTarget } from './db-url.js';
import type { SnapshotRow, Snapshotter } from './driver.js';
import { type ThreadCalls, threadCalls } from './thread-calls.js';
import { startThread } from './threads.js';

/** Where the thread finds the machine: a module and the name of its exported factory (no arguments). */
export interface MachineModule {
  readonly url: string;
  readonly factory: string;
}

export type SnapshotterRequest = { readonly id: number; readonly op: 'take' | 'close' };
export type SnapshotterReply = { readonly id: number; readonly ok: true; readonly value: SnapshotRow | null } | { readonly id: number; readonly ok: false; readonly message: string };

export function snapshotterFor(target: DbTarget, machine: MachineModule): Snapshotter {
  let started: Promise<{ thread: Worker; calls: ThreadCalls }> | undefined;
  const start = async (): Promise<{ thread: Worker; calls: ThreadCalls }> => {
    const thread = startThread(new URL('./snapshotter-thread.ts', import.meta.url), { target, machine });
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
