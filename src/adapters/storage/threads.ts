/** Starting the storage's worker threads (the SQLite writer and checkpointer, the snapshotter). */
import { Worker } from 'node:worker_threads';

/**
 * A worker from a module given by the URL of its `.ts` source: the compiled `.js` beside it, or,
 * run from source, the `.ts` through tsx (Node 20 does not apply --import hooks to a worker's entry).
 */
export function startThread(source: URL, workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(source.href.replace(/\.ts$/, '.js')), { workerData });
  const api = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`, { eval: true, workerData });
}
