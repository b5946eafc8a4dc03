/**
 * `Idempotency-Key` on mutating requests (contracts.md §8). The key is checked for form and
 * echoed. Pure computations need nothing more (a retry computes the same answer). Routes that
 * write declare `idempotency: 'stored'`: the first response of (user, key) is kept in the
 * accounts' `idempotent_responses` table, a retry with the same request gets it back byte for
 * byte, and the key with another request is refused (`idempotency_key_reused`) with no effect.
 * Registry commands also carry the key into the journal, whose own (actor, key) rule backs it.
 */
import { sha256 } from '../accounts/secrets.js';
import type { StoredResponse } from '../accounts/port.js';
import type { Sent } from './api-request.js';
import type { ApiProblem } from './errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Printable ASCII without spaces, as the IETF draft's examples; UUIDs and ULIDs fit. */
const KEY_FORM = /^[\x21-\x7e]{1,255}$/;

export function checkIdempotencyKey(value: string | undefined): { ok: true; key: string | undefined } | { ok: false; problem: ApiProblem } {
  if (value === undefined) return { ok: true, key: undefined };
  if (KEY_FORM.test(value)) return { ok: true, key: value };
  return { ok: false, problem: { code: 'bad_idempotency_key', field: IDEMPOTENCY_HEADER, message: 'expected 1 to 255 printable ASCII characters without spaces (a UUID, say)' } };
}

/** What makes two requests "the same": method, path and the body's exact bytes. */
export function fingerprintOf(method: string, path: string, body: string): string {
  return sha256(`${method} ${path}\n${body}`);
}

export function replayed(stored: StoredResponse, key: string): Sent {
  return { status: stored.status, headers: { 'content-type': stored.contentType, 'idempotency-key': key, 'idempotent-replayed': 'true' }, body: stored.body };
}

const locks = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after any earlier work of the same key in this process, so that two retries in
 * flight cannot both act. Uncontended (nearly always) it starts at once, not a turn later.
 */
export function withKeyLock<T>(lockKey: string, work: () => Promise<T>): Promise<T> {
  const before = locks.get(lockKey);
  const mine = before === undefined ? work() : before.then(work, work);
  locks.set(lockKey, mine);
  mine.then(() => release(lockKey, mine), () => release(lockKey, mine));
  return mine;
}

function release(lockKey: string, work: Promise<unknown>): void {
  if (locks.get(lockKey) === work) locks.delete(lockKey);
}
