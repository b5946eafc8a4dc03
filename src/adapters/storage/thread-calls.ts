/**
 * Calls to a worker thread that answers each request `{ id, … }` with `{ id, ok: true, value }`
 * or `{ id, ok: false, message }`: the writer and the snapshotter threads. Once the thread
 * errs or exits, every call in flight and every later one fails.
 */
import type { Worker } from 'node:worker_threads';

type Reply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly message: string };

export interface ThreadCalls {
  call<T>(request: object): Promise<T>;
  /** Why calls fail from now on, if they do. */
  readonly dead: Error | undefined;
  /** Fails every later call with `cause` (the thread was closed on purpose). */
  end(cause: Error): void;
}

/** `failure` turns a refused request's reply into its error; `stopped` is the message once the thread exits. */
export function threadCalls<R extends Reply>(thread: Worker, failure: (reply: Extract<R, { ok: false }>) => Error, stopped: string): ThreadCalls {
  const waiting = new Map<number, { resolve(value: unknown): void; reject(cause: unknown): void }>();
  let nextId = 1;
  let dead: Error | undefined;
  thread.on('message', (reply: R) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.value);
    else pending?.reject(failure(reply as Extract<R, { ok: false }>));
  });
  const die = (cause: Error): void => {
    dead ??= cause;
    for (const pending of waiting.values()) pending.reject(cause);
    waiting.clear();
  };
  thread.on('error', die);
  thread.on('exit', () => die(new Error(stopped)));
  return {
    call: <T>(request: object): Promise<T> => {
      if (dead !== undefined) return Promise.reject(dead);
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        thread.postMessage({ ...request, id });
      });
    },
    get dead() {
      return dead;
    },
    end: (cause) => void (dead = cause),
  };
}
