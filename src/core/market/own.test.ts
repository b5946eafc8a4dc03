import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownOrders, ownTrades, traderOf } from './own.js';
import { MARKET_EXAMPLES } from './test-support/examples.js';
import { run } from './test-support/run.js';

const { records, engine } = run(MARKET_EXAMPLES['market-continuous-cooperative']!());
const trader = (id: string) => traderOf(engine.state, id);
const brief = (id: string) => ownOrders(records, trader(id)).map((o) => [o.orderId, o.quantityT, o.filledT, o.filledNotionalFen, o.remainingT, o.status]);

test('own orders: fills, an amend, a DAY order expiring, a cancel; each trader sees only its own', () => {
  assert.deepEqual(brief('coop'), [
    ['coop/coop-ask-1', 200, 200, 1_010_000, 0, 'filled'],
    ['coop/coop-ask-2', 300, 160, 816_000, 0, 'expired'],
    ['coop/coop-hit-bid', 40, 40, 198_000, 0, 'filled'],
  ]);
  // Placed for 100 t, reduced to 60, 40 filled, the last 20 cancelled the next day.
  assert.deepEqual(brief('emitter'), [['emitter/emitter-bid-1', 100, 40, 198_000, 0, 'cancelled']]);
  assert.deepEqual(brief('farmer1'), []);
  const all = ['coop', 'emitter', 'charity', 'fund'].flatMap((id) => ownOrders(records, trader(id)).map((o) => o.orderId));
  assert.equal(new Set(all).size, all.length, 'no order is anyone else\u2019s');
});

test('an intermediary sees its mandated client\u2019s orders and trades; the client sees what was placed for it', () => {
  assert.deepEqual([...trader('broker').clients], ['fund']);
  const forBroker = ownOrders(records, trader('broker'));
  assert.deepEqual(forBroker.map((o) => [o.orderId, o.placedBy, o.owner, o.status, o.filledT]), [['broker/broker-fund-1', 'broker', 'fund', 'filled', 250]]);
  assert.deepEqual(ownOrders(records, trader('fund')), forBroker);
  assert.deepEqual(ownTrades(records, trader('broker')).map((t) => [t.side, t.owner, t.priceFen, t.quantityT, t.feeFen]), [['buy', 'fund', 5050, 200, 1010], ['buy', 'fund', 5100, 50, 255]]);
  assert.equal(ownTrades(records, trader('charity')).some((t) => t.owner === 'fund'), false);
});

test('own trades: this side, its fee and the counterparty\u2019s region, never its name; they add up to the orders\u2019 fills', () => {
  const coop = ownTrades(records, trader('coop'));
  assert.ok(coop.every((t) => t.side === 'sell' && t.owner === 'coop'));
  assert.deepEqual(coop.map((t) => t.seq), [...coop.map((t) => t.seq)].sort((a, b) => a - b), 'journal order');
  assert.ok(!JSON.stringify(coop).includes('emitter') && !JSON.stringify(coop).includes('charity'), 'counterparties are not named');
  assert.deepEqual(coop.map((t) => t.counterpartyRegion), ['360100', '360100', '360400', '360400', '360100']);
  for (const t of coop) assert.equal(t.notionalFen, t.priceFen * t.quantityT);
  const filled = ownOrders(records, trader('coop')).reduce((sum, o) => sum + o.filledNotionalFen, 0);
  assert.equal(coop.reduce((sum, t) => sum + t.notionalFen, 0), filled);
  // 10 bp of each notional, rounded down: 1,010,000 fen → 1,010 fen.
  assert.equal(coop[0]!.feeFen, 1010);
});

test('a revoked mandate hides the client\u2019s trades from the intermediary, except orders it placed itself', () => {
  const commands = MARKET_EXAMPLES['market-continuous-cooperative']!();
  const revoke = { key: 'revoke-broker', actor: 'fund', type: 'mandate.record', at: '2025-03-04T10:01:00+08:00', payload: { intermediary: 'broker', revoke: true } };
  const after = run([...commands, revoke]);
  const broker = traderOf(after.engine.state, 'broker');
  assert.equal(broker.clients.size, 0);
  assert.equal(ownOrders(after.records, broker).length, 1, 'the order broker placed stays visible to it');
  assert.equal(ownTrades(after.records, broker).length, 2);
});

test('a busted trade stays in the trader\u2019s list, marked with the bust\u2019s seq', () => {
  const commands = MARKET_EXAMPLES['market-continuous-cooperative']!();
  const at = (s: number) => `2025-03-04T10:02:${String(s).padStart(2, '0')}+08:00`;
  const order = (actor: string, key: string, side: string, s: number) => ({ key, actor, type: 'order.place', at: at(s), payload: { instrument: 'SINK/forest/360732/2023', side, kind: 'limit', priceFen: 5000, quantityT: 5, tif: 'GTC' } });
  const traded = run([...commands, order('coop', 'b-ask', 'sell', 1), order('emitter', 'b-bid', 'buy', 2)]);
  const trade = ownTrades(traded.records, traderOf(traded.engine.state, 'emitter')).at(-1)!;
  assert.equal(trade.bustedSeq, null);
  const busted = run([{ key: 'bust-1', actor: 'operator', type: 'trade.bust', at: at(3), payload: { tradeSeq: trade.seq, reason: 'error' } }], traded.engine);
  const bustSeq = busted.records.find((r) => r.type === 'trade.busted')?.seq;
  assert.ok(bustSeq !== undefined, JSON.stringify(busted.records.map((r) => r.payload)));
  const all = [...traded.records, ...busted.records];
  for (const id of ['emitter', 'coop']) {
    const rows = ownTrades(all, traderOf(busted.engine.state, id));
    assert.equal(rows.find((t) => t.seq === trade.seq)?.bustedSeq, bustSeq, id);
    assert.equal(rows.filter((t) => t.bustedSeq !== null).length, 1);
  }
});
