/**
 * `Idempotency-Key` on mutating requests (contracts.md §8). Today's mutating routes are pure
 * computations: a retry computes the same answer, so the key is checked for form, echoed in
 * the response and nothing is stored. Routes that write (registry, market) arrive with storage
 * and the IdempotencyStore port below: a retry gets the first response back, and a key reused
 * with a different body is refused.
 */
import type { ApiProblem } from './errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Printable ASCII without spaces, as the IETF draft's examples; UUIDs and ULIDs fit. */
const KEY_FORM = /^[\x21-\x7e]{1,255}$/;

export function checkIdempotencyKey(value: string | undefined): { ok: true; key: string | undefined } | { ok: false; problem: ApiProblem } {
  if (value === undefined) return { ok: true, key: undefined };
  if (KEY_FORM.test(value)) return { ok: true, key: value };
  return { ok: false, problem: { code: 'bad_idempotency_key', field: IDEMPOTENCY_HEADER, message: 'expected 1 to 255 printable ASCII characters without spaces (a UUID, say)' } };
}

/** The port a storage adapter implements once requests write (not used by pure computations). */
export interface IdempotencyStore {
  /** The stored response of an earlier request with this key, or null; `fingerprint` is a hash of method, path and body. */
  find(key: string, fingerprint: string): Promise<{ status: number; body: Uint8Array; contentType: string } | { conflict: true } | null>;
  save(key: string, fingerprint: string, response: { status: number; body: Uint8Array; contentType: string }): Promise<void>;
}
