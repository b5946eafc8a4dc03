/**
 * A trader's own orders and trades over HTTP on SQLite, seeded with
 * examples/market/market-continuous-cooperative.jsonl: only the caller's participant's (and an
 * intermediary's mandated client's), filters, cursor paging, an order placed over HTTP showing
 * up open and then filled, and the refusals.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { pageSchema } from './paging.js';
import { ownOrderSchema, ownTradeSchema } from './routes/market-own.js';
import { bearer, exampleCommands, testContext } from './test-support/context.js';
import type { ErrorBody } from './test-support/client.js';

const ctx = await testContext({ seed: exampleCommands('market-continuous-cooperative') });
after(() => ctx.close());
const INSTRUMENT = 'SINK/forest/360732/2023';
const coop = await ctx.user('coop-trader', ['cooperative'], 'coop');
const emitter = await ctx.user('emitter-trader', ['emitter-enterprise'], 'emitter');
const broker = await ctx.user('broker-desk', ['intermediary'], 'broker');
const fund = await ctx.user('fund-desk', ['green-fund'], 'fund');
const planner = ctx.tokens.get('planner')!;

const orderPage = pageSchema(ownOrderSchema);
const tradePage = pageSchema(ownTradeSchema);
const get = (path: string, token?: string) => ctx.app.request(`/api/v1${path}`, { headers: bearer(token) });
async function orders(token: string, query = '') {
  const response = await get(`/market/my/orders${query}`, token);
  assert.equal(response.status, 200, await response.clone().text());
  return orderPage.parse(await response.json());
}
async function trades(token: string, query = '') {
  const response = await get(`/market/my/trades${query}`, token);
  assert.equal(response.status, 200, await response.clone().text());
  return tradePage.parse(await response.json());
}

test('each trader sees its own orders and trades only', async () => {
  const mine = await orders(coop);
  assert.deepEqual(mine.items.map((o) => [o.orderKey, o.status, o.filledT]), [['coop-ask-1', 'filled', 200], ['coop-ask-2', 'expired', 160], ['coop-hit-bid', 'filled', 40]]);
  assert.ok(mine.items.every((o) => o.owner === 'coop'));
  const sold = await trades(coop);
  assert.equal(sold.items.length, 5);
  assert.ok(sold.items.every((t) => t.side === 'sell' && t.owner === 'coop'));
  assert.ok(!JSON.stringify(sold).includes('emitter'), 'the counterparty is not named');
  assert.deepEqual((await orders(emitter)).items.map((o) => [o.orderKey, o.status, o.remainingT]), [['emitter-bid-1', 'cancelled', 0]]);
  assert.deepEqual((await trades(emitter)).items.map((t) => [t.side, t.priceFen, t.quantityT]), [['buy', 4950, 40]]);
});

test('an intermediary sees the orders it placed for its mandated client; the client sees them too', async () => {
  const forBroker = await orders(broker);
  assert.deepEqual(forBroker.items.map((o) => [o.orderId, o.owner, o.status]), [['broker/broker-fund-1', 'fund', 'filled']]);
  assert.deepEqual((await orders(fund)).items, forBroker.items);
  assert.deepEqual((await trades(broker)).items.map((t) => [t.owner, t.quantityT]), [['fund', 200], ['fund', 50]]);
});

test('filters and cursor paging', async () => {
  assert.equal((await orders(coop, '?status=open')).items.length, 0);
  assert.equal((await orders(coop, '?status=done')).items.length, 3);
  assert.equal((await trades(coop, `?instrument=${encodeURIComponent('SINK/forest/360732/2024')}`)).items.length, 0);
  const seqs: number[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { seq: number }[]; next_cursor: string | null } = await trades(coop, `?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
    assert.ok(page.items.length <= 2);
    seqs.push(...page.items.map((t) => t.seq));
    cursor = page.next_cursor;
  } while (cursor !== null);
  assert.deepEqual(seqs, (await trades(coop)).items.map((t) => t.seq));
  const newest: string[] = [];
  do {
    const page: { items: { seq: number; side: string }[]; next_cursor: string | null } = await orders(coop, `?limit=2&order=newest${cursor === null ? '' : `&cursor=${cursor}`}`);
    newest.push(...page.items.map((o) => `${o.seq}`));
    cursor = page.next_cursor;
  } while (cursor !== null);
  assert.deepEqual(newest, (await orders(coop)).items.map((o) => `${o.seq}`).reverse(), 'newest first, paged: the same orders the other way round');
  assert.equal((await get('/market/my/orders?order=latest', coop)).status, 422);
  const bad = await get('/market/my/trades?cursor=nonsense', coop);
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as ErrorBody).error.field, 'cursor');
  const status = await get('/market/my/orders?status=resting', coop);
  assert.equal(status.status, 422);
  assert.equal(((await status.json()) as ErrorBody).error.field, 'status');
});

test('an order placed over HTTP is open, then filled by another trader\u2019s order', async () => {
  const place = (token: string, key: string, side: 'buy' | 'sell', priceFen: number, quantityT: number) => ctx.app.request('/api/v1/commands/order.place', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...bearer(token) },
    body: JSON.stringify({ instrument: INSTRUMENT, side, kind: 'limit', priceFen, quantityT, tif: 'GTC' }),
  });
  assert.equal((await place(coop, 'own-ask-1', 'sell', 5020, 5)).status, 201);
  const open = (await orders(coop, '?status=open')).items;
  assert.deepEqual(open.map((o) => [o.orderKey, o.remainingT, o.filledT, o.status]), [['own-ask-1', 5, 0, 'open']]);
  assert.equal((await place(emitter, 'own-bid-1', 'buy', 5020, 5)).status, 201);
  assert.equal((await orders(coop, '?status=open')).items.length, 0);
  const [filled] = (await orders(coop)).items.filter((o) => o.orderKey === 'own-ask-1');
  assert.deepEqual([filled?.status, filled?.filledT, filled?.filledNotionalFen], ['filled', 5, 25_100]);
  const bought = (await trades(emitter)).items.at(-1)!;
  assert.deepEqual([bought.side, bought.priceFen, bought.quantityT, bought.orderId, bought.counterpartyRegion], ['buy', 5020, 5, 'emitter/own-bid-1', '360700']);
});

test('a trade the operator busts stays in both traders\u2019 lists, marked', async () => {
  const operator = await ctx.user('operator-desk', ['market-operator'], 'operator');
  const tradeSeq = (await trades(emitter)).items.at(-1)!.seq;
  const bust = await ctx.app.request('/api/v1/commands/trade.bust', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'own-bust-1', ...bearer(operator) },
    body: JSON.stringify({ tradeSeq, reason: 'entered in error' }),
  });
  assert.equal(bust.status, 201, await bust.clone().text());
  const bustedSeq = ((await bust.json()) as { events: { seq: number }[] }).events[0]!.seq;
  for (const token of [emitter, coop]) {
    const row = (await trades(token)).items.find((t) => t.seq === tradeSeq);
    assert.equal(row?.bustedSeq, bustedSeq);
  }
  assert.ok((await trades(coop)).items.filter((t) => t.seq !== tradeSeq).every((t) => t.bustedSeq === null));
});

test('only traders: a planner is refused, anonymous callers too, and a trader acting for no participant', async () => {
  assert.equal((await get('/market/my/orders', planner)).status, 403);
  assert.equal((await get('/market/my/trades')).status, 401);
  const loose = await ctx.user('no-participant', ['bank'], null);
  const response = await get('/market/my/trades', loose);
  assert.equal(response.status, 403);
  assert.match(((await response.json()) as ErrorBody).error.message, /acts for no participant/);
});
