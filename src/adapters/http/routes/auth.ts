/**
 * Accounts over HTTP: login and logout (session cookie + CSRF token), who am I, API tokens
 * (shown once), users (admin) and the audit log (admin). Passwords and tokens never reach a log.
 */
import { z } from 'zod';
import { type Result, err, ok } from '../../../core/result.js';
import { hashPassword, newSecret, sha256, verifyPassword } from '../../accounts/secrets.js';
import type { AccountsStore } from '../../accounts/port.js';
import { SESSION_HOURS, clearedCookies, sessionCookies } from '../auth.js';
import type { ApiProblem } from '../errors.js';
import { decodeCursor, encodeCursor, pageQuerySchema, pageSchema } from '../paging.js';
import { type AnyRoute, type Reply, defineRoute, jsonBody } from '../route.js';
import { NO_DATABASE, type Services } from '../services.js';
import { JSON_FIELDS, createUser, newUserSchema } from '../users.js';


export const userSchema = z.object({ username: z.string(), participantId: z.string().nullable(), roles: z.array(z.string()) });
const participantSchema = z.object({ id: z.string(), kind: z.string(), name: z.string(), regionCode: z.string() }).nullable();
const tokenSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
const auditSchema = z.object({ id: z.number(), at: z.string(), username: z.string().nullable(), ip: z.string(), method: z.string(), route: z.string(), code: z.string(), reason: z.string() });

const needAccounts = (services: Services): Result<AccountsStore, ApiProblem[]> => (services.accounts === null ? err([NO_DATABASE]) : ok(services.accounts));
const json = (body: unknown, extra: Partial<Extract<Reply, { kind: 'json' }>> = {}): Result<Reply, ApiProblem[]> => ok({ kind: 'json', body, ...extra });

/** Verified against when the user is unknown, so that the time taken does not tell which usernames exist. */
let dummyHash: Promise<string> | undefined;

export const authRoutes: readonly AnyRoute[] = [
  defineRoute({
    method: 'POST', path: '/auth/login', operationId: 'login', tags: ['accounts'], roles: ['public'], idempotency: 'none',
    summary: 'Log in: sets the httpOnly session cookie and the CSRF cookie; answers the user and the CSRF token',
    body: jsonBody(z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })),
    response: { contentType: 'application/json', schema: z.object({ user: userSchema, csrfToken: z.string() }) },
    handler: async ({ body }, { services, ip }) => {
      const accounts = needAccounts(services);
      if (!accounts.ok) return accounts;
      const wait = services.limiter.retryAfter(body.username, ip);
      if (wait > 0) return err([{ code: 'too_many_attempts', message: `too many failed logins for this user or address; try again in ${wait} s` }]);
      const stored = await accounts.value.passwordHash(body.username);
      const valid = await verifyPassword(body.password, stored ?? (await (dummyHash ??= hashPassword('not a password', services.scrypt))));
      const user = stored !== undefined && valid ? await accounts.value.user(body.username) : undefined;
      if (user === undefined) {
        services.limiter.fail(body.username, ip);
        return err([{ code: 'bad_credentials', message: 'unknown user or wrong password' }]);
      }
      services.limiter.succeed(body.username);
      const session = newSecret();
      const csrf = newSecret();
      const expires = new Date(services.now().getTime() + SESSION_HOURS * 3600_000).toISOString();
      await accounts.value.createSession(sha256(session), user.username, sha256(csrf), expires);
      return json({ user, csrfToken: csrf }, { cookies: sessionCookies(session, csrf, services.secureCookies) });
    },
  }),
  defineRoute({
    method: 'POST', path: '/auth/logout', operationId: 'logout', tags: ['accounts'], roles: ['authenticated'], idempotency: 'none',
    summary: 'Log out: ends the session and clears its cookies',
    response: { contentType: 'application/json', schema: z.object({ ok: z.literal(true) }) },
    handler: async (_input, { services, caller }) => {
      if (caller?.sessionHash !== undefined) await services.accounts?.deleteSession(caller.sessionHash);
      return json({ ok: true }, { cookies: clearedCookies(services.secureCookies) });
    },
  }),
  defineRoute({
    method: 'GET', path: '/auth/me', operationId: 'whoAmI', tags: ['accounts'], roles: ['public'],
    summary: 'The logged-in user and its participant, or user null (no login needed to ask)',
    response: { contentType: 'application/json', schema: z.object({ user: userSchema.nullable(), participant: participantSchema }) },
    handler: async (_input, { services, caller }) => {
      const id = caller?.user.participantId ?? null;
      const p = id === null || services.journal === null ? undefined : services.journal.store.read((s) => services.journal!.registry(s).participants.get(id));
      return json({ user: caller?.user ?? null, participant: p === undefined ? null : { id: p.id, kind: p.kind, name: p.name, regionCode: p.regionCode } });
    },
  }),
  defineRoute({
    method: 'POST', path: '/auth/tokens', operationId: 'createToken', tags: ['accounts'], roles: ['authenticated'], idempotency: 'none',
    summary: 'A new API token for the caller: shown once in this answer, stored only as its SHA-256',
    body: jsonBody(z.strictObject({ name: z.string().min(1).max(100) })),
    response: { contentType: 'application/json', schema: tokenSchema.extend({ token: z.string().describe('send as Authorization: Bearer <token>; not shown again') }) },
    handler: async ({ body }, { services, caller }) => {
      const accounts = needAccounts(services);
      if (!accounts.ok) return accounts;
      const token = newSecret('ntl_');
      const info = { id: newSecret().slice(0, 16), name: body.name, createdAt: services.now().toISOString() };
      await accounts.value.createToken(caller!.user.username, info, sha256(token));
      return json({ ...info, token }, { status: 201 });
    },
  }),
  defineRoute({
    method: 'GET', path: '/auth/tokens', operationId: 'listTokens', tags: ['accounts'], roles: ['authenticated'],
    summary: "The caller's API tokens (names and dates; never the tokens)",
    response: { contentType: 'application/json', schema: z.object({ items: z.array(tokenSchema) }) },
    handler: async (_input, { services, caller }) => {
      const accounts = needAccounts(services);
      return accounts.ok ? json({ items: await accounts.value.tokens(caller!.user.username) }) : accounts;
    },
  }),
  defineRoute({
    method: 'DELETE', path: '/auth/tokens/{id}', operationId: 'deleteToken', tags: ['accounts'], roles: ['authenticated'], idempotency: 'none',
    summary: 'Revokes one of the caller\u2019s API tokens',
    params: z.strictObject({ id: z.string().regex(/^[\w-]{8,64}$/, 'a token id') }),
    response: { contentType: 'application/json', schema: z.object({ deleted: z.boolean() }) },
    handler: async ({ params }, { services, caller }) => {
      const accounts = needAccounts(services);
      return accounts.ok ? json({ deleted: await accounts.value.deleteToken(caller!.user.username, params.id) }) : accounts;
    },
  }),
  defineRoute({
    method: 'POST', path: '/users', operationId: 'createUser', tags: ['accounts'], roles: ['admin'], idempotency: 'stored',
    summary: 'Creates a user acting for a participant, with roles (market.md §2 kinds, planner, admin)',
    body: jsonBody(newUserSchema),
    response: { contentType: 'application/json', schema: userSchema },
    handler: async ({ body }, { services }) => {
      const accounts = needAccounts(services);
      if (!accounts.ok) return accounts;
      const user = await createUser(accounts.value, body, participantKind(services, body.participantId), { scrypt: services.scrypt, at: services.now(), names: JSON_FIELDS });
      return user.ok ? json(user.value, { status: 201 }) : err([user.error]);
    },
  }),
  defineRoute({
    method: 'GET', path: '/users', operationId: 'listUsers', tags: ['accounts'], roles: ['admin'],
    summary: 'Users and their roles, by username',
    query: pageQuerySchema,
    response: { contentType: 'application/json', schema: pageSchema(userSchema) },
    handler: async ({ query }, { services }) => {
      const accounts = needAccounts(services);
      if (!accounts.ok) return accounts;
      const after = query.cursor === undefined ? ok(undefined) : decodeCursor(query.cursor);
      if (!after.ok) return err([after.error]);
      const rows = await accounts.value.users(after.value, query.limit + 1);
      const items = rows.slice(0, query.limit);
      return json({ items, next_cursor: rows.length > query.limit ? encodeCursor(items.at(-1)!.username) : null });
    },
  }),
  defineRoute({
    method: 'GET', path: '/audit', operationId: 'listAudit', tags: ['accounts'], roles: ['admin'],
    summary: 'The audit log of refusals (who, route, reason, time), oldest first',
    query: pageQuerySchema,
    response: { contentType: 'application/json', schema: pageSchema(auditSchema) },
    handler: async ({ query }, { services }) => {
      const accounts = needAccounts(services);
      if (!accounts.ok) return accounts;
      const after = query.cursor === undefined ? ok('0') : decodeCursor(query.cursor);
      if (!after.ok || !/^\d{1,15}$/.test(after.value)) return err([{ code: 'bad_cursor', field: 'cursor', message: 'not a cursor this API gave out: pass next_cursor unchanged' }]);
      const rows = await accounts.value.auditLog(Number(after.value), query.limit + 1);
      const items = rows.slice(0, query.limit);
      return json({ items, next_cursor: rows.length > query.limit ? encodeCursor(String(items.at(-1)!.id)) : null });
    },
  }),
];

/** The kind of the participant when the registry knows it. */
function participantKind(services: Services, participantId: string | null): string | undefined {
  const journal = services.journal;
  return participantId === null || journal === null ? undefined : journal.store.read((s) => journal.registry(s).participants.get(participantId)?.kind);
}
