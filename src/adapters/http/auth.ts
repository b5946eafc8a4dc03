/**
 * Who calls, and whether they may: an API token (`Authorization: Bearer …`) or the session
 * cookie; the route's roles; the CSRF token on mutating cookie requests (double submit: the
 * `neutral_csrf` cookie's value sent back in `X-CSRF-Token`, checked against the session's
 * hash). Every refusal is written to the audit log: who, route, reason, time; never a secret.
 */
import { parse as parseCookies } from 'hono/utils/cookie';
import { type Result, err, ok } from '../../core/result.js';
import { sameDigest, sha256 } from '../accounts/secrets.js';
import type { ProblemCode } from '../problems.js';
import type { ApiRequest } from './api-request.js';
import type { ApiProblem } from './errors.js';
import { admits } from './roles.js';
import { type AnyRoute, MUTATING_METHODS } from './route.js';
import type { Caller, Services } from './services.js';

export const SESSION_COOKIE = 'neutral_session';
export const CSRF_COOKIE = 'neutral_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
export const SESSION_HOURS = 12;

/** Codes that are refusals of access: each is audit-logged. */
export const AUDITED_CODES: ReadonlySet<ProblemCode> = new Set(['unauthenticated', 'bad_credentials', 'forbidden', 'csrf_failed', 'too_many_attempts', 'idempotency_key_reused']);

/**
 * Per connection, the Authorization header last sent on it and its token's SHA-256: a keep-alive
 * client sends the same header on every request, so it is hashed once per connection, not per
 * request (a few µs of an order). The header is kept only as long as the connection that sent
 * it, to compare the next one with; who the hash stands for is asked of the accounts (and their
 * short cache) every time, so revocation is unchanged.
 */
const lastBearer = new WeakMap<object, { readonly authorization: string; readonly tokenHash: string | undefined }>();

/** The SHA-256 of the header's bearer token, or undefined when the header is not `Bearer <token>`. */
export function bearerHash(authorization: string, connection: object | undefined): string | undefined {
  const last = connection === undefined ? undefined : lastBearer.get(connection);
  if (last !== undefined && last.authorization === authorization) return last.tokenHash;
  const token = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization)?.[1];
  const tokenHash = token === undefined ? undefined : sha256(token);
  if (connection !== undefined) lastBearer.set(connection, { authorization, tokenHash });
  return tokenHash;
}

/** The caller, or null; a token that is presented and unknown is refused (a stale cookie is not: the dashboard shows a login). */
export async function identify(req: ApiRequest, services: Services): Promise<Result<Caller | null, ApiProblem>> {
  const accounts = services.accounts;
  const authorization = req.header('Authorization');
  if (authorization !== undefined) {
    const tokenHash = bearerHash(authorization, req.connection);
    const user = tokenHash === undefined || accounts === null ? undefined : await accounts.userByToken(tokenHash);
    if (user === undefined) return err({ code: 'unauthenticated', field: 'Authorization', message: 'expected Authorization: Bearer <API token> with a token this server issued' });
    return ok({ user, via: 'token' });
  }
  // As hono/cookie's getCookie reads it.
  const cookies = req.header('Cookie');
  const session = cookies ? parseCookies(cookies, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
  if (session === undefined || accounts === null || !/^[\w-]{20,100}$/.test(session)) return ok(null);
  const sessionHash = sha256(session);
  const found = await accounts.session(sessionHash, services.now().toISOString());
  return ok(found === undefined ? null : { user: found.user, via: 'session', sessionHash, csrfHash: found.csrfHash });
}

/** The route's roles and, for a mutating cookie request, the CSRF token. */
export function authorize(req: ApiRequest, route: AnyRoute, caller: Caller | null): ApiProblem | null {
  if (!admits(route.roles, caller?.user.roles ?? null)) {
    if (caller === null) return { code: 'unauthenticated', message: `${route.method} ${route.path} needs a login or an API token (roles: ${route.roles.join(', ')})` };
    return { code: 'forbidden', message: `${route.method} ${route.path} admits ${route.roles.join(', ')}; ${caller.user.username} holds ${caller.user.roles.join(', ') || 'no role'}` };
  }
  if (caller?.via === 'session' && MUTATING_METHODS.has(route.method)) {
    const sent = req.header(CSRF_HEADER);
    if (sent === undefined || caller.csrfHash === undefined || !sameDigest(sha256(sent), caller.csrfHash)) {
      return { code: 'csrf_failed', field: CSRF_HEADER, message: `a request with the session cookie must send the ${CSRF_COOKIE} cookie's value in ${CSRF_HEADER}` };
    }
  }
  return null;
}

/** One audit row per refusal; the reason is the message, which never holds a secret or a body. */
export async function auditRefusal(services: Services, req: ApiRequest, route: AnyRoute | null, caller: Caller | null, problem: ApiProblem, username: string | null = null): Promise<void> {
  if (services.accounts === null || !AUDITED_CODES.has(problem.code)) return;
  await services.accounts.audit({
    at: services.now().toISOString(),
    username: caller?.user.username ?? username,
    ip: req.ip,
    method: req.method,
    route: route?.path ?? req.pathname(),
    code: problem.code,
    reason: problem.message.slice(0, 500),
  });
}

/** Set-Cookie values of a new session: the id (httpOnly) and the CSRF token (readable by the page's script). */
export function sessionCookies(session: string, csrf: string, secure: boolean): string[] {
  const common = `Path=/; SameSite=Strict; Max-Age=${SESSION_HOURS * 3600}${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=${session}; HttpOnly; ${common}`, `${CSRF_COOKIE}=${csrf}; ${common}`];
}

export function clearedCookies(secure: boolean): string[] {
  const common = `Path=/; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=; HttpOnly; ${common}`, `${CSRF_COOKIE}=; ${common}`];
}
