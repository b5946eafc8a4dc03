/**
 * The market's views, folded event by event, against a reference that folds the whole log at
 * each question (the way own orders and trades were computed before the views), over random
 * logs: orders owned or placed by an intermediary, trades, amends, ends and busts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { EventRecord } from '../journal/types.js';
import type { OwnOrder, OwnTrade, Trader } from './own.js';
import { MarketViews, mergedFrom } from './views.js';

const PARTIES = ['a', 'b', 'c', 'd'];
type P = Record<string, unknown>;

/** One step of a random log; indexes pick among what exists when the step is applied. */
type Step =
  | { kind: 'order'; owner: number; placer: number; side: 'buy' | 'sell'; quantityT: number }
  | { kind: 'trade'; buy: number; sell: number; quantityT: number; priceFen: number }
  | { kind: 'amend' | 'done'; order: number; quantityT: number }
  | { kind: 'bust'; trade: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), owner: fc.nat(3), placer: fc.nat(3), side: fc.constantFrom('buy' as const, 'sell' as const), quantityT: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('trade' as const), buy: fc.nat(50), sell: fc.nat(50), quantityT: fc.integer({ min: 1, max: 3 }), priceFen: fc.integer({ min: 100, max: 900 }) }),
  fc.record({ kind: fc.constantFrom('amend' as const, 'done' as const), order: fc.nat(50), quantityT: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('bust' as const), trade: fc.nat(50) }),
);

function logOf(steps: readonly Step[]): EventRecord[] {
  const log: EventRecord[] = [];
  const orders: { id: string; owner: string }[] = [];
  const trades: number[] = [];
  const add = (type: string, payload: P): void => { log.push({ seq: log.length + 1, key: `k${log.length + 1}`, type, payload, prevHash: '', hash: '' }); };
  for (const s of steps) {
    const at = `2025-03-03T10:${String(log.length % 60).padStart(2, '0')}:00+08:00`;
    if (s.kind === 'order') {
      const owner = PARTIES[s.owner]!;
      const placedBy = PARTIES[s.placer]!;
      const orderId = `${placedBy}/o${log.length + 1}`;
      orders.push({ id: orderId, owner });
      add('order.accepted', { at, orderId, orderKey: `o${log.length + 1}`, owner, placedBy, instrument: `I${s.quantityT % 2}`, side: s.side, kind: 'limit', limitFen: 500, tif: 'GTC', quantityT: s.quantityT });
    } else if (s.kind === 'trade' && orders.length > 0) {
      const buy = orders[s.buy % orders.length]!;
      const sell = orders[s.sell % orders.length]!;
      trades.push(log.length + 1);
      add('trade', {
        at, instrument: `I${s.quantityT % 2}`, venue: s.priceFen % 3 === 0 ? 'block' : 'continuous', priceFen: s.priceFen, quantityT: s.quantityT, notionalFen: s.priceFen * s.quantityT,
        buyer: buy.owner, seller: sell.owner, buyOrderId: buy.id, sellOrderId: sell.id, buyerRegion: '360100', sellerRegion: '360732', buyerFeeFen: 1, sellerFeeFen: 2,
      });
    } else if ((s.kind === 'amend' || s.kind === 'done') && orders.length > 0) {
      const order = orders[s.order % orders.length]!;
      if (s.kind === 'amend') add('order.amended', { orderId: order.id, quantityT: s.quantityT });
      else add('order.done', { orderId: order.id, reason: 'cancelled' });
    } else if (s.kind === 'bust' && trades.length > 0) {
      add('trade.busted', { tradeSeq: trades[s.trade % trades.length]! });
    }
  }
  return log;
}

// The reference: the whole log folded for one trader, as own.ts did before the views.
const owns = (t: Trader, owner: string): boolean => owner === t.id || t.clients.has(owner);

function referenceOrders(log: readonly EventRecord[], t: Trader): OwnOrder[] {
  const orders = new Map<string, OwnOrder & Record<string, unknown>>();
  for (const r of log) {
    const p = r.payload as P;
    const order = orders.get(p['orderId'] as string) as (Record<string, number | string | null>) | undefined;
    if (r.type === 'order.accepted' && (owns(t, p['owner'] as string) || p['placedBy'] === t.id)) {
      orders.set(p['orderId'] as string, {
        seq: r.seq, at: p['at'] as string, orderId: p['orderId'] as string, orderKey: p['orderKey'] as string, placedBy: p['placedBy'] as string, owner: p['owner'] as string,
        instrument: p['instrument'] as string, side: p['side'] as 'buy', kind: 'limit', limitFen: p['limitFen'] as number, tif: p['tif'] as string,
        quantityT: p['quantityT'] as number, filledT: 0, filledNotionalFen: 0, remainingT: p['quantityT'] as number, status: 'open', doneSeq: null,
      });
    } else if (r.type === 'trade') {
      for (const id of [p['buyOrderId'], p['sellOrderId']]) {
        const o = orders.get(id as string) as Record<string, number> | undefined;
        if (o === undefined) continue;
        o['filledT']! += p['quantityT'] as number;
        o['filledNotionalFen']! += (p['priceFen'] as number) * (p['quantityT'] as number);
        o['remainingT']! -= p['quantityT'] as number;
      }
    } else if (r.type === 'order.amended' && order !== undefined) {
      order['remainingT'] = p['quantityT'] as number;
    } else if (r.type === 'order.done' && order !== undefined) {
      Object.assign(order, { status: p['reason'], remainingT: 0, doneSeq: r.seq });
    }
  }
  return [...orders.values()];
}

function referenceTrades(log: readonly EventRecord[], t: Trader): OwnTrade[] {
  const out: (OwnTrade & { bustedSeq: number | null })[] = [];
  for (const r of log) {
    const p = r.payload as P;
    if (r.type === 'trade.busted') for (const row of out) if (row.seq === p['tradeSeq']) row.bustedSeq = r.seq;
    if (r.type !== 'trade') continue;
    const common = { seq: r.seq, at: p['at'] as string, instrument: p['instrument'] as string, venue: p['venue'] as string, priceFen: p['priceFen'] as number, quantityT: p['quantityT'] as number, notionalFen: p['notionalFen'] as number, bustedSeq: null };
    for (const side of ['buy', 'sell'] as const) {
      const owner = p[side === 'buy' ? 'buyer' : 'seller'] as string;
      const orderId = p[side === 'buy' ? 'buyOrderId' : 'sellOrderId'] as string;
      if (owns(t, owner) || orderId.startsWith(`${t.id}/`)) {
        out.push({ ...common, side, owner, orderId, feeFen: p[side === 'buy' ? 'buyerFeeFen' : 'sellerFeeFen'] as number, counterpartyRegion: p[side === 'buy' ? 'sellerRegion' : 'buyerRegion'] as string });
      }
    }
  }
  return out;
}

const trader = fc.record({ id: fc.constantFrom(...PARTIES), clients: fc.subarray(PARTIES).map((c) => new Set(c)) });
const orderKey = (o: OwnOrder): string => String(o.seq).padStart(15, '0');
const tradeKey = (t: OwnTrade): string => `${String(t.seq).padStart(15, '0')}:${t.side}`;

test('folded event by event, the views answer every trader as a fold of the whole log does, at every point of the log', () => {
  fc.assert(fc.property(fc.array(step, { maxLength: 80 }), trader, fc.nat(79), (steps, t, cut) => {
    const log = logOf(steps);
    const views = new MarketViews();
    const upTo = Math.min(cut, log.length);
    for (const record of log.slice(0, upTo)) views.add(record);
    const seen = log.slice(0, upTo);
    assert.deepEqual([...mergedFrom(views.orderLists(t), orderKey, null)], referenceOrders(seen, t));
    assert.deepEqual([...mergedFrom(views.tradeLists(t), tradeKey, null)], referenceTrades(seen, t));
    const busted = new Set(seen.filter((r) => r.type === 'trade.busted').map((r) => (r.payload as P)['tradeSeq']));
    assert.deepEqual(views.tape().map((e) => e.seq), seen.filter((r) => r.type === 'trade' && !busted.has(r.seq)).map((r) => r.seq));
    for (const instrument of ['I0', 'I1', 'I2']) assert.deepEqual(views.tape(instrument), views.tape().filter((e) => e.instrument === instrument), `the tape of ${instrument}`);
  }), { numRuns: 300 });
});

test('merging from any key yields each item once, in key order or newest first, past that key', () => {
  fc.assert(fc.property(fc.uniqueArray(fc.nat(200), { maxLength: 60 }), fc.array(fc.array(fc.nat(59), { maxLength: 30 }), { maxLength: 4 }), fc.option(fc.nat(210)), fc.boolean(), (values, picks, cursor, newestFirst) => {
    const items = values.map((v) => ({ key: String(v).padStart(4, '0') }));
    // Lists of the same objects, each sorted; an object may be in several lists.
    const lists = picks.map((pick) => [...new Set(pick.filter((i) => i < items.length))].map((i) => items[i]!).sort((x, y) => (x.key < y.key ? -1 : 1)));
    // The cursor is sometimes an item's own key (as next_cursor is), sometimes a key between items.
    const cursorKey = cursor === null ? null : cursor < values.length && cursor % 2 === 0 ? items[cursor]!.key : String(cursor).padStart(4, '0');
    const all = [...new Set(lists.flat())].sort((x, y) => (x.key < y.key ? -1 : 1));
    const expected = newestFirst
      ? all.reverse().filter((i) => cursorKey === null || i.key < cursorKey)
      : all.filter((i) => cursorKey === null || i.key > cursorKey);
    assert.deepEqual([...mergedFrom(lists, (i) => i.key, cursorKey, newestFirst)], expected);
  }), { numRuns: 500 });
});
