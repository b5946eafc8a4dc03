import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventRecord } from '../journal/types.js';
import { BUY, SELL } from './book.js';
import { FOREST, MarketJournal, tradingSetup } from './test-support/journal.js';
import { digest, ledgerOk, run } from './test-support/run.js';

const here = new URL('.', import.meta.url).pathname;
const limit = (side: 'buy' | 'sell', priceFen: number, quantityT: number, tif = 'GTC', extra: object = {}) => ({ instrument: FOREST, side, kind: 'limit', priceFen, quantityT, tif, ...extra });
const types = (records: readonly EventRecord[]) => records.map((r) => r.type);
const payloadOf = (r: EventRecord | undefined) => r!.payload as Record<string, any>;

test('the market core imports no node:* module', () => {
  const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  assert.ok(files.length > 5);
  for (const f of files) assert.doesNotMatch(readFileSync(join(here, f), 'utf8'), /from 'node:/, f);
});

test('a cooperative sells its members\' credits: DVP with fees and the waterfall in the trade event', () => {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('coop', 'order.place', limit('sell', 5000, 100));
  j.add('emitter', 'order.place', limit('buy', 5100, 150));
  const { engine, records } = run(j.commands);
  const trade = records.find((r) => r.type === 'trade')!;
  const t = payloadOf(trade);
  assert.equal(t.priceFen, 5000);
  assert.equal(t.quantityT, 100);
  assert.equal(t.buyerFeeFen, 500);
  assert.equal(t.sellerFeeFen, 500);
  assert.equal(t.buyerRegion, '360100');
  assert.equal(t.sellerRegion, '360700');
  assert.deepEqual(t.blocks.map((b: { serial: string }) => b.serial), ['NTL-360732-XG01-2023-311-410']);
  // Reservation 150 × 5100 + 765 = 765,765; paid 500,500; kept for 50 at 5100: 255,255; released 10,010.
  assert.equal(t.releasedFen, 10_010);
  const w = t.waterfalls[0].waterfall;
  assert.equal(w.netProceedsFen, 499_500);
  const deductions = w.deductions.reduce((s: number, d: { amountFen: number }) => s + d.amountFen, 0);
  const members = w.members.reduce((s: number, m: { amountFen: number }) => s + m.amountFen, 0);
  assert.equal(deductions + members, 499_500);
  const s = engine.state;
  assert.equal(s.balances.balance('P:emitter:reserved', 'CNY'), 255_255);
  assert.equal(s.balances.balance('P:operator:cash', 'CNY'), 1_000);
  assert.equal(s.balances.balance('P:emitter:units', 'UNIT/XG01/2023'), 100);
  assert.equal(s.market.instruments.get(FOREST)!.book.bestBidFen, 5100);
  assert.equal(s.reservedUnits.size, 0);
  assert.equal(s.statements.get('XG01')!.get('farmer1')!.payableFen > 0, true);
  assert.ok(ledgerOk(records).ok);
});

test('bad input is refused with its code, no postings and no change of state', () => {
  const j = new MarketJournal();
  tradingSetup(j, { tickFen: 5, lotT: 10, blockThresholdT: 2_000 });
  j.add('coop', 'order.place', limit('sell', 5000, 100), 'resting');
  const base = run(j.commands);
  const cases: [string, string, string, object, string?][] = [
    ['unknown_instrument', 'emitter', 'order.place', { ...limit('buy', 5000, 10), instrument: 'SINK/forest/360732/2019' }],
    ['off_tick', 'emitter', 'order.place', limit('buy', 5001, 10)],
    ['off_lot', 'emitter', 'order.place', limit('buy', 5000, 15)],
    ['outside_band', 'emitter', 'order.place', limit('buy', 5505, 10)],
    ['outside_band', 'emitter', 'order.place', limit('buy', 4495, 10)],
    ['over_block_threshold', 'emitter', 'order.place', limit('buy', 5000, 2000)],
    ['insufficient_funds', 'charity', 'order.place', limit('buy', 5000, 200)],
    ['insufficient_units', 'coop', 'order.place', limit('sell', 5000, 1200, 'GTC')],
    ['insufficient_units', 'emitter', 'order.place', limit('sell', 5000, 10)],
    ['invalid_payload', 'emitter', 'order.place', { instrument: FOREST, side: 'buy', kind: 'market', quantityT: 10, tif: 'GTC' }],
    ['invalid_payload', 'emitter', 'order.place', { ...limit('buy', 5000, 10), priceFen: 50.5 }],
    ['training_required', 'farmer1', 'order.place', limit('buy', 5000, 10)],
    ['no_mandate', 'broker', 'order.place', limit('buy', 5000, 10, 'GTC', { onBehalfOf: 'fund' })],
    ['unknown_order', 'emitter', 'order.cancel', { orderKey: 'nothing' }],
    ['wrong_role', 'emitter', 'order.cancel', { orderKey: 'resting', placedBy: 'coop' }],
    ['idempotency_key_reused', 'coop', 'order.place', limit('sell', 5000, 20), 'resting'],
  ];
  for (const [i, [code, actor, type, payload, key]] of cases.entries()) {
    const before = digest(base.engine.state);
    const c = { key: key ?? `bad-${i}`, actor, type, at: '2025-03-03T10:30:00+08:00', payload };
    const s = base.engine.submit(c);
    assert.notEqual(s.kind, 'duplicate');
    const events = s.kind === 'duplicate' ? [] : s.events;
    assert.equal(events.length, 1, `${code}: one event`);
    assert.equal(events[0]!.record.type, `${type}.rejected`);
    assert.equal((events[0]!.record.payload as Record<string, unknown>)['code'], code, JSON.stringify(events[0]!.record.payload));
    assert.equal(events[0]!.record.payload.postings, undefined);
    assert.equal(digest(base.engine.state), before, `${code}: state unchanged`);
  }
  // A closed market and a halted instrument refuse orders.
  const closed = new MarketJournal();
  tradingSetup(closed);
  closed.add('operator', 'instrument.halt', { instrument: FOREST });
  closed.add('emitter', 'order.place', limit('buy', 5000, 10));
  closed.add('operator', 'instrument.halt', { instrument: FOREST, halted: false });
  closed.add('operator', 'session.close', { instrument: FOREST });
  closed.add('emitter', 'order.place', limit('buy', 5000, 10));
  closed.add('operator', 'position.limit', { participantId: 'fund', instrument: FOREST, maxT: 5 });
  const r = run(closed.commands).records.filter((x) => x.type.endsWith('.rejected')).map((x) => x.payload['code']);
  assert.deepEqual(r, ['instrument_halted', 'market_closed']);
});

test('self-trade prevention cancels the resting order; FOK is all or nothing; IOC cancels the rest', () => {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('coop', 'cash.deposit', { amountFen: 1_000_000, reference: 'coop-cash' });
  j.add('coop', 'order.place', limit('sell', 5000, 10), 'own-sell');
  j.add('coop', 'order.place', limit('buy', 5000, 10), 'own-buy');
  const a = run(j.commands).records.slice(-3);
  assert.deepEqual(types(a), ['order.accepted', 'order.accepted', 'order.done']);
  assert.equal(payloadOf(a[2]).reason, 'self_trade');
  assert.equal(payloadOf(a[2]).orderKey, 'own-sell');
  const k = new MarketJournal();
  tradingSetup(k);
  k.add('coop', 'order.place', limit('sell', 5000, 100));
  k.add('fund', 'order.place', limit('buy', 5100, 101, 'FOK'));
  k.add('fund', 'order.place', { instrument: FOREST, side: 'buy', kind: 'market', quantityT: 150, tif: 'IOC' });
  const { records, engine } = run(k.commands);
  const fok = records.filter((r) => r.key === k.commands.at(-2)!.key);
  assert.deepEqual(types(fok), ['order.accepted', 'order.done']);
  assert.equal(payloadOf(fok[1]).reason, 'killed');
  const ioc = records.filter((r) => r.key === k.commands.at(-1)!.key);
  assert.deepEqual(types(ioc), ['order.accepted', 'trade', 'order.done', 'order.done']);
  assert.equal(payloadOf(ioc[3]).reason, 'cancelled');
  assert.equal(engine.state.balances.balance('P:fund:reserved', 'CNY'), 0);
  assert.equal(engine.state.market.orders.size, 0);
});

test('amend: a reduction keeps time priority, a price change is cancel + new', () => {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('emitter', 'order.place', limit('buy', 4900, 50), 'first');
  j.add('fund', 'order.place', limit('buy', 4900, 50), 'second');
  j.add('emitter', 'order.amend', { orderKey: 'first', quantityT: 20 });
  j.add('coop', 'order.place', limit('sell', 4900, 20));
  const { records, engine } = run(j.commands);
  const trade = payloadOf(records.filter((r) => r.type === 'trade').at(-1));
  assert.equal(trade.buyer, 'emitter');
  assert.equal(trade.quantityT, 20);
  assert.equal(engine.state.balances.balance('P:emitter:reserved', 'CNY'), 0);
  const k = new MarketJournal();
  tradingSetup(k);
  k.add('emitter', 'order.place', limit('buy', 4900, 50), 'first');
  k.add('fund', 'order.place', limit('buy', 4900, 50), 'second');
  k.add('emitter', 'order.amend', { orderKey: 'first', priceFen: 4950 }, 'first-moved');
  k.add('coop', 'order.place', { instrument: FOREST, side: 'sell', kind: 'market', quantityT: 60, tif: 'IOC' });
  const r = run(k.commands);
  const trades = r.records.filter((x) => x.type === 'trade').map(payloadOf);
  assert.deepEqual(trades.map((t) => [t.buyOrderKey, t.priceFen, t.quantityT]), [['first-moved', 4950, 50], ['second', 4900, 10]]);
  assert.ok(ledgerOk(r.records).ok);
});

test('sessions: DAY orders expire, close = VWAP half-up to the tick, GTC outside the new band cancelled at open', () => {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('coop', 'order.place', limit('sell', 5000, 10));
  j.add('coop', 'order.place', limit('sell', 5003, 20));
  j.add('fund', 'order.place', limit('buy', 5003, 30, 'IOC'));
  j.add('fund', 'order.place', limit('buy', 4501, 10, 'GTC'), 'low-gtc');
  j.add('emitter', 'order.place', limit('buy', 4600, 10, 'DAY'), 'day');
  j.add('operator', 'session.close', { instrument: FOREST });
  j.setDay('2025-03-04');
  j.add('operator', 'session.open', { instrument: FOREST });
  const { records, engine } = run(j.commands);
  // VWAP = (10 × 5000 + 20 × 5003) / 30 = 5002 exactly.
  const close = records.find((r) => r.type === 'session.closed')!;
  assert.equal(close.payload['closeFen'], 5002);
  const done = records.filter((r) => r.type === 'order.done').map(payloadOf);
  assert.ok(done.some((d) => d.orderKey === 'day' && d.reason === 'expired'));
  // New band: ceil(5002 × 0.9) = 4502 > 4501, so the GTC bid is cancelled at the open.
  assert.ok(done.some((d) => d.orderKey === 'low-gtc' && d.reason === 'outside_band'));
  const inst = engine.state.market.instruments.get(FOREST)!;
  assert.deepEqual([inst.lowerFen, inst.upperFen], [4502, 5502]);
  assert.equal(inst.book.size, 0);
  assert.equal(engine.state.balances.balance('P:fund:reserved', 'CNY') + engine.state.balances.balance('P:emitter:reserved', 'CNY'), 0);
  assert.ok(ledgerOk(records).ok);
});

test('an intermediary trades for its client under a recorded mandate', () => {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('fund', 'mandate.record', { intermediary: 'broker', reference: 'mandate 2025-01' });
  j.add('coop', 'order.place', limit('sell', 5000, 10));
  j.add('broker', 'order.place', limit('buy', 5000, 10, 'IOC', { onBehalfOf: 'fund' }));
  const { records, engine } = run(j.commands);
  const t = payloadOf(records.find((r) => r.type === 'trade'));
  assert.equal(t.buyer, 'fund');
  assert.equal(t.buyOrderId, 'broker/c' + (j.commands.length));
  assert.equal(engine.state.balances.balance('P:fund:units', 'UNIT/XG01/2023'), 10);
  assert.equal(engine.state.balances.balance('P:broker:units', 'UNIT/XG01/2023'), 0);
});

test('book: price-time priority, levels and rebase keep order', async () => {
  const { Book, Plan } = await import('./book.js');
  const book = new Book<string>(90, 110, 1);
  book.add('a', SELL, 100, 5, 1);
  book.add('b', SELL, 100, 5, 2);
  book.add('c', SELL, 99, 5, 3);
  const plan = book.plan(BUY, 100, 12, 9, new Plan());
  assert.deepEqual(plan.makers.slice(0, plan.count).map((h) => book.meta[h]), ['c', 'a', 'b']);
  assert.deepEqual(plan.quantities.slice(0, plan.count), [5, 5, 2]);
  book.rebase(95, 105);
  assert.deepEqual(book.depth(SELL, 5), [{ priceFen: 99, quantityT: 5, orders: 1 }, { priceFen: 100, quantityT: 10, orders: 2 }]);
  assert.deepEqual([...book.handles(SELL)].map((h) => book.meta[h]), ['c', 'a', 'b']);
});
