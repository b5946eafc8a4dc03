/**
 * What handlers reach beyond their request: the journal's store (registry, later the market),
 * the accounts, the clock and the login limiter. createApp() builds it from its options; a route
 * whose service is absent answers `db_unavailable` (the server was started without a database).
 */
import type { CommandStore } from '../../core/journal/store.js';
import type { ComplianceState } from '../../core/compliance/index.js';
import type { ExchangeState } from '../../core/market/types.js';
import type { RegistryState } from '../../core/registry/types.js';
import type { AccountsStore, User } from '../accounts/index.js';
import { DEFAULT_SCRYPT, type ScryptCost } from '../accounts/secrets.js';
import type { ApiProblem } from './errors.js';
import { LoginLimiter } from './rate-limit.js';
import type { KeepResponse } from './route.js';

export interface Caller {
  readonly user: User;
  /** How the request proved who it is: an API token (machines) or a session cookie (the dashboard). */
  readonly via: 'token' | 'session';
  /** SHA-256 of the session id (cookie callers), so logout can end it. */
  readonly sessionHash?: string;
  /** SHA-256 of the session's CSRF token, which mutating cookie requests must send back. */
  readonly csrfHash?: string;
}

/** The journal's store, and how to find the registry inside its state (the exchange's state wraps it). */
export interface JournalService<State = unknown> {
  readonly store: CommandStore<State>;
  readonly registry: (state: State) => RegistryState;
  /** The exchange's state, when the journal runs the exchange machine (the market routes need it). */
  readonly exchange?: (state: State) => ExchangeState;
  /** The compliance regimes' state, when the journal runs the compliance machine. */
  readonly compliance?: (state: State) => ComplianceState;
  /**
   * The journal's database also holds the accounts' tables (one `--db`): a command's stored
   * response is written in the command's own transaction instead of a second one after it.
   */
  readonly keepsResponses?: boolean;
}

export interface Services {
  readonly journal: JournalService | null;
  readonly accounts: AccountsStore | null;
  readonly now: () => Date;
  readonly scrypt: ScryptCost;
  readonly limiter: LoginLimiter;
  /** Adds `Secure` to cookies (behind HTTPS). */
  readonly secureCookies: boolean;
}

export interface ServiceOptions {
  readonly journal?: JournalService<any> | null;
  readonly accounts?: AccountsStore | null;
  readonly now?: () => Date;
  readonly scrypt?: ScryptCost;
  readonly limiter?: LoginLimiter;
  readonly secureCookies?: boolean;
}

export function services(options: ServiceOptions): Services {
  const now = options.now ?? (() => new Date());
  return {
    journal: options.journal ?? null,
    accounts: options.accounts ?? null,
    now,
    scrypt: options.scrypt ?? DEFAULT_SCRYPT,
    limiter: options.limiter ?? new LoginLimiter({ now }),
    secureCookies: options.secureCookies ?? false,
  };
}

export const NO_DATABASE: ApiProblem = { code: 'db_unavailable', message: 'this server was started without a database (neutral serve --db …)' };

/** The second last formatted by shanghaiTime, and its text. */
let lastSecond = NaN;
let lastText = '';

/** ISO-8601 in Asia/Shanghai (+08:00), seconds precision: the journal's time form (market.md §10). */
export function shanghaiTime(date: Date): string {
  // Commands of one second share its text: a Date and toISOString per command cost ~1.5 µs.
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastText = new Date(second * 1000 + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
    lastSecond = second;
  }
  return lastText;
}

/** The millisecond last formatted by isoTime, and its text; the second last formatted, and its text up to the milliseconds. */
let lastMs = NaN;
let lastIso = '';
let isoSecond = NaN;
let isoPrefix = '';

/**
 * `date.toISOString()`. Requests handled in one millisecond share the text, and those of one
 * second its first 20 characters (`YYYY-MM-DDTHH:MM:SS.`): the rest is the milliseconds and `Z`
 * (a toISOString per order was ~1 µs; years outside 0000–9999 take the full call).
 */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (ms === lastMs) return lastIso;
  const second = Math.floor(ms / 1000);
  if (second === isoSecond) {
    const milli = ms - second * 1000;
    lastIso = isoPrefix + (milli < 10 ? '00' : milli < 100 ? '0' : '') + milli + 'Z';
  } else {
    lastIso = date.toISOString();
    isoSecond = lastIso.length === 24 ? second : NaN;
    isoPrefix = lastIso.slice(0, 20);
  }
  lastMs = ms;
  return lastIso;
}

/** The part of a route's context that handlers pass on to helpers. */
export interface RouteServices {
  readonly services: Services;
  readonly caller: Caller | null;
  readonly idempotencyKey: string | undefined;
  readonly keepResponse?: KeepResponse | undefined;
}
