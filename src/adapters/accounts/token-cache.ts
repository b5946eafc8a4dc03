/**
 * API tokens are checked on every request; the look-up (token hash → user with roles) is a
 * query that costs more than the rest of a small request's authentication. This keeps recent
 * answers for a short time. Revocation still takes effect: any call of this store that may
 * change who a token belongs to (deleting a token, a user, changing roles — and, by default,
 * every method not known to be harmless, including ones added later) empties the cache at
 * once; a change made by another process is seen within `ttlMs`. Unknown tokens are never
 * cached, so a token created elsewhere works at once.
 */
import type { AccountsStore, User } from './port.js';

/** Methods that cannot change which user (with which roles) a token hash stands for. */
const HARMLESS: ReadonlySet<string> = new Set([
  'user', 'passwordHash', 'users', 'userCount', 'tokens', 'createToken',
  'createSession', 'session', 'deleteSession', 'audit', 'auditLog',
  'findResponse', 'saveResponse', 'responseCount', 'close',
]);

export interface TokenCacheOptions {
  /** How long an answer is reused (default 1 s): the bound on revocation by another process. */
  readonly ttlMs?: number;
  /** Most tokens kept; beyond it the cache starts again (default 10,000). */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export function withTokenCache<S extends AccountsStore>(store: S, options: TokenCacheOptions = {}): S {
  const ttlMs = options.ttlMs ?? 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { readonly user: User; readonly until: number }>();
  /** Bumped by every clearing call, so that a look-up that started before it is not stored after it. */
  let generation = 0;
  const userByToken = async (tokenHash: string): Promise<User | undefined> => {
    const hit = cache.get(tokenHash);
    if (hit !== undefined && hit.until > now()) return hit.user;
    const started = generation;
    const user = await store.userByToken(tokenHash);
    if (user === undefined) cache.delete(tokenHash);
    else if (started === generation) {
      if (cache.size >= maxEntries) cache.clear();
      cache.set(tokenHash, { user, until: now() + ttlMs });
    }
    return user;
  };
  /** The wrapper made for each method, reused while the method is the same (a bind per call cost µs on every request). */
  const wrappers = new Map<PropertyKey, { readonly method: unknown; readonly wrapper: unknown }>();
  const wrap = (target: S, property: PropertyKey, value: (...a: unknown[]) => Promise<unknown>): unknown => {
    if (typeof property === 'string' && HARMLESS.has(property)) return value.bind(target);
    return async (...args: unknown[]) => {
      generation++;
      cache.clear();
      try {
        return await value.apply(target, args);
      } finally {
        // Again after the change: a look-up racing with it must not keep the old answer.
        generation++;
        cache.clear();
      }
    };
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'userByToken') return userByToken;
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const known = wrappers.get(property);
      if (known !== undefined && known.method === value) return known.wrapper;
      const wrapper = wrap(target, property, value as (...a: unknown[]) => Promise<unknown>);
      wrappers.set(property, { method: value, wrapper });
      return wrapper;
    },
  });
}
