/** Login with a session cookie and CSRF, API tokens, the login rate limit, and what is stored (hashes, never secrets). */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from '../accounts/secrets.js';
import { LoginLimiter } from './rate-limit.js';
import { bearer, testContext } from './test-support/context.js';
import type { ErrorBody } from './test-support/client.js';

let now = new Date('2025-05-01T09:00:00Z');
const limiter = new LoginLimiter({ now: () => now, perUser: 3, perIp: 5, windowMs: 60_000 });
const ctx = await testContext({ limiter });
after(() => ctx.close());
const PASSWORD = 'correct horse battery';

const api = (path: string, init: RequestInit & { ip?: string } = {}) =>
  ctx.app.request(`/api/v1${path}`, init, { incoming: { socket: { remoteAddress: init.ip ?? '10.0.0.1' } } });
const post = (path: string, body: unknown, headers: Record<string, string> = {}, ip?: string) =>
  api(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body), ...(ip !== undefined ? { ip } : {}) });
const cookiesOf = (response: Response): string[] => response.headers.getSetCookie();
const jar = (cookies: string[]): string => cookies.map((c) => c.split(';')[0]).join('; ');

await post('/users', { username: 'planner1', password: PASSWORD, roles: ['planner'] }, bearer(ctx.tokens.get('admin')));
await post('/users', { username: 'victim', password: PASSWORD, roles: ['planner'] }, bearer(ctx.tokens.get('admin')));

test('login sets an httpOnly SameSite=Strict session cookie and a CSRF token; mutating cookie requests need the token; logout ends it', async () => {
  const login = await post('/auth/login', { username: 'planner1', password: PASSWORD });
  assert.equal(login.status, 200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookies = cookiesOf(login);
  assert.match(cookies.find((c) => c.startsWith('neutral_session='))!, /HttpOnly; Path=\/; SameSite=Strict; Max-Age=43200/);
  assert.doesNotMatch(cookies.find((c) => c.startsWith('neutral_csrf='))!, /HttpOnly/);
  const cookie = jar(cookies);
  const me = (await (await api('/auth/me', { headers: { Cookie: cookie } })).json()) as { user: { username: string } };
  assert.equal(me.user.username, 'planner1');
  const before = (await ctx.accounts.auditLog(0, 1e6)).length;
  const noCsrf = await post('/auth/tokens', { name: 'ci' }, { Cookie: cookie });
  assert.equal(noCsrf.status, 403);
  assert.equal(((await noCsrf.json()) as ErrorBody).error.code, 'csrf_failed');
  const wrongCsrf = await post('/auth/tokens', { name: 'ci' }, { Cookie: cookie, 'X-CSRF-Token': 'x'.repeat(43) });
  assert.equal(wrongCsrf.status, 403);
  assert.equal((await ctx.accounts.auditLog(0, 1e6)).length, before + 2, 'both refusals audited');
  const created = await post('/auth/tokens', { name: 'ci' }, { Cookie: cookie, 'X-CSRF-Token': csrfToken });
  assert.equal(created.status, 201);
  const { token } = (await created.json()) as { token: string };
  // The token works as a bearer without cookie or CSRF, and is stored only as its hash.
  const run = await post('/pathway/runs', { scenarios: [] }, bearer(token));
  assert.notEqual(run.status, 401);
  assert.equal((await ctx.accounts.userByToken(sha256(token)))?.username, 'planner1');
  assert.doesNotMatch(JSON.stringify(await (await api('/auth/tokens', { headers: bearer(token) })).json()), new RegExp(token));
  const out = await api('/auth/logout', { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken } });
  assert.equal(out.status, 200);
  assert.match(cookiesOf(out).join('\n'), /neutral_session=; HttpOnly.*Max-Age=0/);
  assert.deepEqual(await (await api('/auth/me', { headers: { Cookie: cookie } })).json(), { user: null, participant: null });
});

test('an unknown or malformed token is refused (401) and audited; the password is stored as salted scrypt', async () => {
  for (const header of ['Bearer ntl_nope', 'Basic abc']) {
    const response = await api('/pathway/runs', { method: 'POST', headers: { Authorization: header, 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(response.status, 401);
  }
  const a = await ctx.accounts.passwordHash('planner1');
  const b = await ctx.accounts.passwordHash('victim');
  assert.match(a ?? '', /^scrypt\$1024\$8\$1\$/);
  assert.notEqual(a, b, 'same password, different salts');
});

test('login is rate-limited per user and per address, refusals audited, and nothing secret in the audit log', async () => {
  for (let i = 0; i < 3; i++) assert.equal((await post('/auth/login', { username: 'victim', password: `wrong-${i}` }, {}, '10.0.0.2')).status, 401);
  const locked = await post('/auth/login', { username: 'victim', password: PASSWORD }, {}, '10.0.0.3');
  assert.equal(locked.status, 429, 'the right password waits too');
  assert.equal(((await locked.json()) as ErrorBody).error.code, 'too_many_attempts');
  now = new Date(now.getTime() + 61_000);
  assert.equal((await post('/auth/login', { username: 'victim', password: PASSWORD }, {}, '10.0.0.3')).status, 200, 'after the window');
  // One address trying many users.
  for (let i = 0; i < 5; i++) await post('/auth/login', { username: `guess${i}`, password: 'x' }, {}, '10.0.0.9');
  assert.equal((await post('/auth/login', { username: 'planner1', password: PASSWORD }, {}, '10.0.0.9')).status, 429);
  assert.equal((await post('/auth/login', { username: 'planner1', password: PASSWORD }, {}, '10.0.0.10')).status, 200);
  const log = await ctx.accounts.auditLog(0, 1e6);
  assert.ok(log.some((e) => e.code === 'bad_credentials' && e.ip === '10.0.0.2' && e.route === '/auth/login'));
  assert.ok(log.some((e) => e.code === 'too_many_attempts' && e.ip === '10.0.0.9'));
  const text = JSON.stringify(log);
  for (const secret of [PASSWORD, 'wrong-0', ...ctx.tokens.values()]) assert.ok(!text.includes(secret), 'no password or token in the audit log');
});

test('users: admin only, roles checked against the participant, duplicates refused', async () => {
  const admin = bearer(ctx.tokens.get('admin'));
  assert.equal((await post('/users', { username: 'planner1', password: PASSWORD, roles: ['planner'] }, admin)).status, 409);
  const noParticipant = await post('/users', { username: 'coop1', password: PASSWORD, roles: ['cooperative'] }, admin);
  assert.equal(((await noParticipant.json()) as ErrorBody).error.field, '$.participantId');
  assert.equal((await post('/users', { username: 'x1', password: PASSWORD, roles: ['planner'] }, bearer(ctx.tokens.get('planner')))).status, 403);
  const users = (await (await api('/users?limit=2', { headers: admin })).json()) as { items: unknown[]; next_cursor: string | null };
  assert.equal(users.items.length, 2);
  assert.ok(users.next_cursor);
});

test('on one connection, each request\u2019s own bearer token decides (its hash is reused only for the same header); a revoked token is refused at once', async () => {
  const socket = { remoteAddress: '10.0.0.9' };
  const me = (token: string) => ctx.app.request('/api/v1/auth/me', { headers: bearer(token) }, { incoming: { socket } });
  const userOf = async (token: string): Promise<string | number> => {
    const response = await me(token);
    return response.status === 200 ? ((await response.json()) as { user: { username: string } }).user.username : response.status;
  };
  const first = await ctx.user('conn-a', ['planner'], null);
  const second = await ctx.user('conn-b', ['planner'], null);
  assert.equal(await userOf(first), 'conn-a');
  assert.equal(await userOf(first), 'conn-a');
  assert.equal(await userOf(second), 'conn-b');
  assert.equal(await userOf(first), 'conn-a');
  assert.equal(await userOf(`${first}x`), 401);
  assert.equal((await ctx.app.request('/api/v1/auth/me', { headers: { Authorization: 'Basic abc' } }, { incoming: { socket } })).status, 401, 'not a bearer header');
  assert.equal(await userOf(second), 'conn-b');
  assert.equal(await ctx.accounts.deleteToken('conn-a', 't-conn-a'), true);
  assert.equal(await userOf(first), 401, 'revoked: refused at once on the same connection');
});
