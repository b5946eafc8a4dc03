/** A value or an expected failure. Expected failures are data; bugs throw. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

/** For switch statements over closed unions: fails to compile when a member is missing. */
export function exhaustive(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
