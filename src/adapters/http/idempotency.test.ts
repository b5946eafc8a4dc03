/**
 * Stored idempotency when the journal and the accounts share one database (as `serve` and
 * `demo` run): the journal judges a command's key first (app.ts), so a new key costs no look-up
 * of a stored response, while retries, reused keys and keys used on other stored routes behave
 * exactly as with the look-up first.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withKeyLock } from './idempotency.js';
import { bearer, exampleCommands, testContext } from './test-support/context.js';
import type { ErrorBody } from './test-support/client.js';

const dir = mkdtempSync(join(tmpdir(), 'neutral-idem-'));
const ctx = await testContext({ target: { dialect: 'sqlite', file: join(dir, 'neutral.db') }, seed: exampleCommands() });
after(async () => { await ctx.close(); rmSync(dir, { recursive: true, force: true }); });
const emitter = await ctx.user('nanchang', ['emitter-enterprise'], 'emitter');
/** An admin who also trades for the emitter: user creation (a stored route the journal never sees) shares its keys. */
const adminTrader = await ctx.user('boss', ['admin', 'emitter-enterprise'], 'emitter');

/** Counts the stored-response look-ups the app makes (the store behind the token cache's proxy is patched). */
let lookups = 0;
const accounts = ctx.accounts as unknown as { findResponse: (...args: unknown[]) => Promise<unknown> };
const findResponse = accounts.findResponse;
accounts.findResponse = function (this: unknown, ...args: unknown[]) { lookups++; return findResponse.apply(this, args); };

const post = (path: string, body: string, token: string, key: string) => ctx.app.request(`/api/v1${path}`, {
  method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(token), 'Idempotency-Key': key }, body,
});
const auditCount = async (): Promise<number> => (await ctx.accounts.auditLog(0, 1e6)).length;

test('a new key is journaled with its stored response and no look-up; a retry gets the same bytes back; another body is refused and writes nothing', async () => {
  const body = JSON.stringify({ amountFen: 500, reference: 'first' });
  lookups = 0;
  const responses = await ctx.accounts.responseCount();
  const first = await post('/commands/cash.deposit', body, emitter, 'idem-1');
  assert.equal(first.status, 201);
  const text = await first.text();
  assert.equal(lookups, 0, 'a key the journal never saw needs no look-up');
  assert.equal(await ctx.accounts.responseCount(), responses + 1, 'the response is stored with the command');
  const head = await ctx.store.head();
  const audits = await auditCount();

  const retry = await post('/commands/cash.deposit', body, emitter, 'idem-1');
  assert.equal(retry.status, 201);
  assert.equal(await retry.text(), text, 'byte for byte');
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');

  const other = await post('/commands/cash.deposit', JSON.stringify({ amountFen: 501, reference: 'first' }), emitter, 'idem-1');
  assert.equal(other.status, 422);
  const refusal = (await other.json()) as ErrorBody;
  assert.equal(refusal.error.code, 'idempotency_key_reused');
  assert.match(refusal.error.message, /was used by nanchang with another request/);
  // The same payload in other bytes is another request too (the fingerprint is of the bytes).
  const spaced = await post('/commands/cash.deposit', JSON.stringify({ amountFen: 500, reference: 'first' }, null, 1), emitter, 'idem-1');
  assert.equal(((await spaced.json()) as ErrorBody).error.code, 'idempotency_key_reused');
  // And the same bytes to the path spelt with an escape (Hono routes it; the fingerprint keeps the URL's path).
  const escaped = await post('/commands/cash%2Edeposit', body, emitter, 'idem-1');
  assert.equal(((await escaped.json()) as ErrorBody).error.code, 'idempotency_key_reused');
  assert.deepEqual(await ctx.store.head(), head, 'nothing journaled by the retry or the refusals');
  assert.equal(await ctx.accounts.responseCount(), responses + 1, 'nothing stored by them');
  assert.equal(await auditCount(), audits + 3, 'one audit row per refusal');
});

test('a command the exchange refuses is kept like an accepted one: the retry replays it', async () => {
  const body = JSON.stringify({ instrument: 'SINK/none/000000/2000', side: 'buy', kind: 'limit', priceFen: 100, quantityT: 1, tif: 'GTC' });
  const first = await post('/commands/order.place', body, emitter, 'idem-refused');
  assert.equal(first.status, 422);
  const text = await first.text();
  assert.equal((JSON.parse(text) as ErrorBody).error.code, 'command_rejected');
  const retry = await post('/commands/order.place', body, emitter, 'idem-refused');
  assert.equal(await retry.text(), text);
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');
});

test('another user of the same participant with a journaled key gets its first outcome or a refusal, as before', async () => {
  const body = JSON.stringify({ amountFen: 700, reference: 'shared' });
  const first = await post('/commands/cash.deposit', body, emitter, 'idem-shared');
  assert.equal(first.status, 201);
  const firstOutcome = (await first.json()) as { events: { seq: number }[] };
  const head = await ctx.store.head();
  const same = await post('/commands/cash.deposit', body, adminTrader, 'idem-shared');
  assert.equal(same.status, 201);
  assert.equal(same.headers.get('idempotent-replayed'), null, 'not this user\u2019s stored response');
  assert.deepEqual(((await same.json()) as { events: { seq: number }[] }).events.map((e) => e.seq), firstOutcome.events.map((e) => e.seq));
  const changed = await post('/commands/cash.deposit', JSON.stringify({ amountFen: 701, reference: 'shared' }), adminTrader, 'idem-shared');
  assert.equal(((await changed.json()) as ErrorBody).error.code, 'idempotency_key_reused');
  assert.deepEqual(await ctx.store.head(), head);
});

test('a key first used to create a user is refused for a command: callers of routes the journal does not see are looked up first', async () => {
  const created = await post('/users', JSON.stringify({ username: 'newbie', password: 'a-long-password-1', roles: ['planner'], participantId: null }), adminTrader, 'idem-user');
  assert.equal(created.status, 201);
  const head = await ctx.store.head();
  lookups = 0;
  const command = await post('/commands/cash.deposit', JSON.stringify({ amountFen: 900, reference: 'after-user' }), adminTrader, 'idem-user');
  assert.equal(command.status, 422);
  assert.equal(((await command.json()) as ErrorBody).error.code, 'idempotency_key_reused');
  assert.equal(lookups, 1);
  assert.deepEqual(await ctx.store.head(), head, 'the command was not journaled');
});

test('two requests with one key in flight at once: the second waits for the first, then replays it (same body) or is refused (another body); one command journaled', async () => {
  const body = JSON.stringify({ amountFen: 1100, reference: 'together' });
  const head = await ctx.store.head();
  const [a, b] = await Promise.all([post('/commands/cash.deposit', body, emitter, 'idem-together'), post('/commands/cash.deposit', body, emitter, 'idem-together')]);
  assert.deepEqual([a.status, b.status], [201, 201]);
  assert.equal(await b.text(), await a.text());
  assert.deepEqual([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')], [null, 'true']);
  assert.equal((await ctx.store.head()).seq, head.seq + 1, 'one event: the deposit, once');
  const [c, d] = await Promise.all([
    post('/commands/cash.deposit', JSON.stringify({ amountFen: 1200, reference: 'apart' }), emitter, 'idem-apart'),
    post('/commands/cash.deposit', JSON.stringify({ amountFen: 1201, reference: 'apart' }), emitter, 'idem-apart'),
  ]);
  assert.equal(c.status, 201);
  assert.equal(((await d.json()) as ErrorBody).error.code, 'idempotency_key_reused');
});

test('the key lock: work of one key runs in order, a failure does not hold the next, other keys do not wait', async () => {
  const order: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const first = withKeyLock('k', async () => { order.push('first starts'); await gate; order.push('first ends'); throw new Error('first failed'); });
  const second = withKeyLock('k', async () => { order.push('second'); return 2; });
  const other = withKeyLock('other', async () => { order.push('other'); return 3; });
  assert.equal(await other, 3);
  assert.deepEqual(order, ['first starts', 'other']);
  open();
  await assert.rejects(first, /first failed/);
  assert.equal(await second, 2);
  assert.deepEqual(order, ['first starts', 'other', 'first ends', 'second']);
  assert.equal(await withKeyLock('k', async () => 'after'), 'after');
});
