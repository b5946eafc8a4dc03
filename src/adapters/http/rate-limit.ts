/**
 * Login rate limit: failed logins counted per user and per client address in a sliding window;
 * over the limit, logins are refused (`too_many_attempts`, with Retry-After) until the oldest
 * failure leaves the window. Kept in memory: one process serves a database (docs/http.md).
 */
export interface LimiterOptions {
  readonly now?: () => Date;
  readonly windowMs?: number;
  readonly perUser?: number;
  readonly perIp?: number;
}

export class LoginLimiter {
  readonly #now: () => Date;
  readonly #windowMs: number;
  readonly #limits: { user: number; ip: number };
  readonly #failures = new Map<string, number[]>();

  constructor(options: LimiterOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#windowMs = options.windowMs ?? 15 * 60_000;
    this.#limits = { user: options.perUser ?? 5, ip: options.perIp ?? 20 };
  }

  /** Seconds until a login may be tried again, or 0 when it may be tried now. */
  retryAfter(username: string, ip: string): number {
    const t = this.#now().getTime();
    const wait = (key: string, limit: number): number => {
      const times = this.#recent(key, t);
      return times.length >= limit ? Math.ceil(((times[times.length - limit] as number) + this.#windowMs - t) / 1000) : 0;
    };
    return Math.max(wait(`u:${username}`, this.#limits.user), wait(`i:${ip}`, this.#limits.ip));
  }

  fail(username: string, ip: string): void {
    const t = this.#now().getTime();
    // Bounded memory under a flood of names: forget what has left the window.
    if (this.#failures.size > 100_000) for (const key of [...this.#failures.keys()]) this.#recent(key, t);
    for (const key of [`u:${username}`, `i:${ip}`]) this.#failures.set(key, [...this.#recent(key, t), t]);
  }

  /** A success clears the user's failures (not the address's: one address may try many users). */
  succeed(username: string): void {
    this.#failures.delete(`u:${username}`);
  }

  #recent(key: string, t: number): number[] {
    const times = (this.#failures.get(key) ?? []).filter((x) => x > t - this.#windowMs);
    if (times.length === 0) this.#failures.delete(key);
    return times;
  }
}
