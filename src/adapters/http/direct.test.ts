/**
 * The Node server's fast path (direct.ts) answers as Hono does: every request below is sent
 * over a socket, where the fast path takes it, and to the same app through Hono
 * (`app.request`); status, headers and body bytes must agree. Requests the fast path leaves
 * to Hono are checked to reach Hono.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Api, type RouteServer, createApi } from './app.js';
import { listen } from './server.js';
import { hashPassword } from '../accounts/secrets.js';
import { CHEAP_SCRYPT, bearer, exampleCommands, testContext } from './test-support/context.js';

const dir = mkdtempSync(join(tmpdir(), 'neutral-direct-'));
const ctx = await testContext({ target: { dialect: 'sqlite', file: join(dir, 'neutral.db') }, seed: exampleCommands('market-continuous-cooperative') });
const emitter = await ctx.user('direct-emitter', ['emitter-enterprise'], 'emitter');
const planner = ctx.tokens.get('planner')!;

/** The app's fast-path routes, counting the requests they take. */
let direct = 0;
function counted(api: Api): Api {
  const exact = new Map([...api.exact].map(([method, byPath]) => [method, new Map([...byPath].map(([path, serve]): [string, RouteServer] => [path, (req) => { direct++; return serve(req); }]))]));
  return { ...api, exact };
}
const server = await listen(counted(ctx.api), '127.0.0.1', 0);
after(async () => { await server.close(); await ctx.close(); rmSync(dir, { recursive: true, force: true }); });

interface Answer {
  readonly status: number;
  /** Lower-case names, without what Node adds to every answer and the framing. */
  readonly headers: Record<string, string>;
  readonly body: string;
}

const FRAMING = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

function headerRecord(entries: Iterable<[string, string | string[] | undefined]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of entries) if (!FRAMING.has(name) && value !== undefined) out[name] = Array.isArray(value) ? value.join('\n') : value;
  return out;
}

type Headers = Record<string, string | string[]>;

/** Over a socket, with exactly these headers (Node adds Host and Connection, and no Accept-Encoding). */
function overSocket(method: string, path: string, headers: Headers, body?: string, port = server.port): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: `/api/v1${path}`, headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: headerRecord(Object.entries(res.headers)), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function throughHono(api: Api, method: string, path: string, headers: Headers, body?: string): Promise<Answer> {
  const init = new Headers();
  for (const [name, value] of Object.entries(headers)) for (const v of [value].flat()) init.append(name, v);
  const response = await api.app.request(`/api/v1${path}`, { method, headers: init, ...(body === undefined ? {} : { body }) });
  const setCookies = response.headers.getSetCookie();
  const out = headerRecord(response.headers.entries());
  if (setCookies.length > 0) out['set-cookie'] = setCookies.join('\n');
  return { status: response.status, headers: out, body: await response.text() };
}

/** Sends the request both ways and checks they agree; returns the socket's answer. */
async function same(method: string, path: string, headers: Headers, body?: string): Promise<Answer> {
  const before = direct;
  const fast = await overSocket(method, path, headers, body);
  assert.equal(direct, before + 1, `${method} ${path} took the fast path`);
  assert.deepEqual(fast, await throughHono(ctx.api, method, path, headers, body), `${method} ${path}`);
  return fast;
}

const INSTRUMENT = 'SINK/forest/360732/2023';
const order = (priceFen: number): string => JSON.stringify({ instrument: INSTRUMENT, side: 'buy', kind: 'limit', priceFen, quantityT: 1, tif: 'GTC' });
const json = { 'Content-Type': 'application/json' };

test('refusals at the door are the same answers: no token, a bad key, a role, JSON syntax, media type, schema; the audited ones audited both ways', async () => {
  const audits = async () => (await ctx.accounts.auditLog(0, 1e6)).length;
  const audited = await audits();
  assert.equal((await same('POST', '/commands/order.place', { ...json, 'Idempotency-Key': 'd-0' }, order(4600))).status, 401);
  assert.equal((await same('POST', '/commands/order.place', { ...json, ...bearer(emitter), 'Idempotency-Key': 'has space' }, order(4600))).status, 400);
  assert.equal((await same('POST', '/commands/order.place', { ...json, ...bearer(planner), 'Idempotency-Key': 'd-1' }, order(4600))).status, 403);
  assert.equal((await same('POST', '/commands/order.place', { ...json, ...bearer(emitter), 'Idempotency-Key': 'd-2' }, '{"instrument": ')).status, 400);
  assert.equal((await same('POST', '/commands/order.place', { 'Content-Type': 'text/plain', ...bearer(emitter), 'Idempotency-Key': 'd-3' }, order(4600))).status, 415);
  assert.equal((await same('POST', '/commands/order.place', { ...json, ...bearer(emitter), 'Idempotency-Key': 'd-4' }, '{"side":"buy"}')).status, 422);
  assert.equal((await same('POST', '/commands/order.place', { ...json, Authorization: [`Bearer ${emitter}`, 'Bearer other'], 'Idempotency-Key': 'd-5' }, order(4600))).status, 401, 'a repeated header is joined, as a WHATWG Headers joins it');
  assert.equal(await audits(), audited + 6, 'no token, the role, the repeated header: each audited once each way');
});

test('reads: the OpenAPI document and the instruments, byte for byte', async () => {
  assert.equal((await same('GET', '/openapi.json', {})).status, 200);
  assert.equal((await same('GET', '/market/instruments', {})).status, 200);
});

test('a command over the fast path is kept: a retry through Hono or the fast path replays its bytes; the key with another order is refused both ways', async () => {
  const headers = { ...json, ...bearer(emitter), 'Idempotency-Key': 'd-order-1' };
  const before = direct;
  const first = await overSocket('POST', '/commands/order.place', headers, order(4601));
  assert.equal(direct, before + 1);
  assert.equal(first.status, 201, first.body);
  assert.deepEqual(first.headers, { 'content-type': 'application/json', 'idempotency-key': 'd-order-1' });
  const replayed = { ...first, headers: { ...first.headers, 'idempotent-replayed': 'true' } };
  assert.deepEqual(await same('POST', '/commands/order.place', headers, order(4601)), replayed);
  const reused = await same('POST', '/commands/order.place', headers, order(4602));
  assert.equal(JSON.parse(reused.body).error.code, 'idempotency_key_reused');
});

test('a command the exchange refuses is kept the same way', async () => {
  const headers = { ...json, ...bearer(emitter), 'Idempotency-Key': 'd-refused' };
  const first = await overSocket('POST', '/commands/order.place', headers, JSON.stringify({ instrument: 'SINK/none/000000/2000', side: 'buy', kind: 'limit', priceFen: 100, quantityT: 1, tif: 'GTC' }));
  assert.equal(JSON.parse(first.body).error.code, 'command_rejected');
  const retry = await throughHono(ctx.api, 'POST', '/commands/order.place', headers, JSON.stringify({ instrument: 'SINK/none/000000/2000', side: 'buy', kind: 'limit', priceFen: 100, quantityT: 1, tif: 'GTC' }));
  assert.deepEqual(retry, { ...first, headers: { ...first.headers, 'idempotent-replayed': 'true' } });
});

test('a session: a login over the fast path sets both cookies; a command with the cookie and no CSRF token is refused the same way, with it taken', async () => {
  await ctx.accounts.createUser({ username: 'direct-web', participantId: 'emitter', roles: ['emitter-enterprise'] }, await hashPassword('a-long-password-1', CHEAP_SCRYPT), new Date().toISOString());
  const before = direct;
  const login = await overSocket('POST', '/auth/login', json, JSON.stringify({ username: 'direct-web', password: 'a-long-password-1' }));
  assert.equal(direct, before + 1);
  assert.equal(login.status, 200, login.body);
  const cookies = login.headers['set-cookie']!.split('\n');
  assert.deepEqual(cookies.map((c) => c.replace(/=[^;]*;/, '=…;')), ['neutral_session=…; HttpOnly; Path=/; SameSite=Strict; Max-Age=43200', 'neutral_csrf=…; Path=/; SameSite=Strict; Max-Age=43200']);
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = JSON.parse(login.body) as { csrfToken: string };
  assert.equal((await same('POST', '/commands/order.place', { ...json, Cookie: cookie, 'Idempotency-Key': 'd-web-1' }, order(4604))).status, 403);
  assert.equal((await overSocket('POST', '/commands/order.place', { ...json, Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Idempotency-Key': 'd-web-2' }, order(4604))).status, 201);
});

test('left to Hono: a compressed answer, a query string, a percent-escape, HEAD, a body without Content-Length', async () => {
  const before = direct;
  const gzip = await overSocket('GET', '/openapi.json', { 'Accept-Encoding': 'gzip' });
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal((await overSocket('GET', '/market/instruments?x=1', {})).status, 200);
  assert.equal((await overSocket('GET', '/market/%69nstruments', {})).status, 200);
  assert.equal((await overSocket('HEAD', '/openapi.json', {})).status, 200);
  const chunked = await new Promise<number>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/commands/order.place', headers: { ...json, ...bearer(emitter), 'Idempotency-Key': 'd-chunked', 'Transfer-Encoding': 'chunked' } }, (res) => { res.resume(); resolve(res.statusCode!); });
    req.on('error', reject);
    req.write(order(4603).slice(0, 10));
    req.end(order(4603).slice(10));
  });
  assert.equal(chunked, 201);
  assert.equal(direct, before, 'none of them took the fast path');
});

test('an exception in a handler: 500 with code internal and the key echoed, logged, both ways', async () => {
  const lines: string[] = [];
  const failing = createApi({
    webRoot: null, log: (line) => lines.push(line),
    routes: [{ method: 'POST', path: '/boom', operationId: 'boom', summary: 'fails', tags: [], roles: ['public'], response: { contentType: 'text/plain', binary: true }, handler: async () => { throw new Error('bug'); } }],
  });
  const running = await listen(failing, '127.0.0.1', 0);
  try {
    const headers = { ...json, 'Idempotency-Key': 'boom-1' };
    const fast = await overSocket('POST', '/boom', headers, '{}', running.port);
    assert.deepEqual(fast, await throughHono(failing, 'POST', '/boom', headers, '{}'));
    assert.equal(fast.status, 500);
    assert.deepEqual(JSON.parse(fast.body), { error: { code: 'internal', message: 'internal error (logged on the server)' } });
    assert.equal(fast.headers['idempotency-key'], 'boom-1');
    assert.equal(lines.filter((line) => /internal error on POST \/api\/v1\/boom: Error: bug/.test(line)).length, 2);
  } finally {
    await running.close();
  }
});
