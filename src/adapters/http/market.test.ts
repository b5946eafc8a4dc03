/**
 * Market over HTTP on SQLite, seeded with examples/market/market-continuous-cooperative.jsonl:
 * the public reads (instruments, depth, tape with cursor paging, candles, S21–S25 per city)
 * agree with the core's market-data functions, and orders sent over HTTP trade.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { candles, cityIndicators, tradeTape } from '../../core/market/index.js';
import type { EventRecord } from '../../core/journal/types.js';
import { pageSchema } from './paging.js';
import { outcomeSchema } from './routes/commands.js';
import { candleSchema, cityFlowsSchema, depthSchema, instrumentSchema, tapeEntrySchema } from './routes/market-schemas.js';
import { bearer, exampleCommands, testContext } from './test-support/context.js';
import type { ErrorBody } from './test-support/client.js';

const ctx = await testContext({ seed: exampleCommands('market-continuous-cooperative') });
after(() => ctx.close());
const INSTRUMENT = 'SINK/forest/360732/2023';
const q = encodeURIComponent(INSTRUMENT);
const read = async (path: string): Promise<unknown> => {
  const response = await ctx.app.request(`/api/v1${path}`);
  assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
  return response.json();
};
const coreTape = async () => {
  const records: EventRecord[] = [];
  for await (const entry of ctx.store.load()) records.push(...entry.events);
  return tradeTape(records);
};

test('instruments and depth: the listed instrument with its open session and band; the book best first', async () => {
  const { items } = z.object({ items: z.array(instrumentSchema) }).parse(await read('/market/instruments'));
  assert.equal(items.length, 1);
  const [inst] = items;
  assert.deepEqual([inst?.instrument, inst?.open, inst?.session, inst?.buyerFeeBp], [INSTRUMENT, true, 2, 10]);
  assert.ok(inst!.lowerFen <= inst!.referenceFen && inst!.referenceFen <= inst!.upperFen);
  const book = depthSchema.parse(await read(`/market/depth?instrument=${q}&levels=3`));
  assert.ok(book.bids.length <= 3 && book.asks.length <= 3);
  for (const side of [book.bids, book.asks]) for (const l of side) assert.ok(l.quantityT > 0 && l.orders > 0);
  const unknown = await ctx.app.request('/api/v1/market/depth?instrument=SINK/forest/360732/2099');
  assert.equal(unknown.status, 404);
  assert.equal(((await unknown.json()) as ErrorBody).error.code, 'not_found');
  assert.equal((await ctx.app.request('/api/v1/market/depth?instrument=nonsense')).status, 422);
});

test('tape: every trade in seq order across cursor pages, without the parties', async () => {
  const expected = await coreTape();
  assert.ok(expected.length >= 3, `${expected.length} trades in the example`);
  const seen: z.infer<typeof tapeEntrySchema>[] = [];
  let cursor: string | null = null;
  do {
    const page = pageSchema(tapeEntrySchema.strict()).parse(await read(`/market/tape?instrument=${q}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`));
    assert.ok(page.items.length <= 2);
    seen.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  assert.deepEqual(seen, expected.map(({ buyer: _b, seller: _s, ...rest }) => rest));
  // Newest first: the same trades the other way round, the cursor continuing downwards.
  const newest: z.infer<typeof tapeEntrySchema>[] = [];
  do {
    const page = pageSchema(tapeEntrySchema.strict()).parse(await read(`/market/tape?instrument=${q}&limit=2&order=newest${cursor === null ? '' : `&cursor=${cursor}`}`));
    newest.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  assert.deepEqual(newest, [...seen].reverse());
  const bad = await ctx.app.request('/api/v1/market/tape?cursor=zzz');
  assert.equal(((await bad.json()) as ErrorBody).error.code, 'bad_cursor');
});

test('candles per minute, hour and day, and S21–S25 per city, as the core computes them', async () => {
  const tape = await coreTape();
  for (const interval of ['minute', 'hour', 'day'] as const) {
    const body = z.object({ items: z.array(candleSchema) }).parse(await read(`/market/candles?instrument=${q}&interval=${interval}`));
    assert.deepEqual(body.items, candles(tape, INSTRUMENT, interval));
    assert.ok(body.items.length > 0);
  }
  assert.equal((await ctx.app.request(`/api/v1/market/candles?instrument=${q}&interval=week`)).status, 422);
  const cities = z.object({ items: z.array(cityFlowsSchema) }).parse(await read('/market/cities'));
  assert.deepEqual(cities.items, cityIndicators(tape));
  assert.ok(cities.items.some((c) => c.localDemandT > 0 || c.exportDemandT > 0));
});

test('a sell and a buy sent over HTTP trade, and the tape shows it; the operator lists, a trader may not', async () => {
  const coop = await ctx.user('xingguo', ['cooperative'], 'coop');
  const emitter = await ctx.user('nanchang', ['emitter-enterprise'], 'emitter');
  const operator = await ctx.user('seee', ['market-operator'], 'operator');
  const post = (type: string, body: unknown, token: string) => ctx.app.request(`/api/v1/commands/${type}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(token) }, body: JSON.stringify(body),
  });
  const { items: [inst] } = z.object({ items: z.array(instrumentSchema) }).parse(await read('/market/instruments'));
  const before = (await coreTape()).length;
  const order = { instrument: INSTRUMENT, kind: 'limit', priceFen: inst!.referenceFen, quantityT: 5, tif: 'GTC' };
  const sell = await post('order.place', { ...order, side: 'sell' }, coop);
  assert.equal(sell.status, 201, await sell.clone().text());
  const buy = await post('order.place', { ...order, side: 'buy' }, emitter);
  assert.equal(buy.status, 201, await buy.clone().text());
  const events = [...outcomeSchema.parse(await sell.json()).events, ...outcomeSchema.parse(await buy.json()).events];
  assert.ok(events.some((e) => e.type === 'trade'), 'a trade');
  const tape = pageSchema(tapeEntrySchema).parse(await read(`/market/tape?limit=500`));
  assert.ok(tape.items.length > before);
  const refused = await post('instrument.list', { instrument: 'SINK/forest/360732/2024', referencePriceFen: 5000 }, coop);
  assert.equal(refused.status, 403);
  const listed = await post('instrument.list', { instrument: 'SINK/forest/360732/2024', referencePriceFen: 5000 }, operator);
  assert.equal(listed.status, 201, await listed.clone().text());
  const { items } = z.object({ items: z.array(instrumentSchema) }).parse(await read('/market/instruments'));
  assert.deepEqual(items.map((i) => [i.instrument, i.open]), [[INSTRUMENT, true], ['SINK/forest/360732/2024', false]]);
});
