/** `trade.bust`: hand-computed reversal, refusals with their codes, and busting restores balances (property). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { EventRecord } from '../journal/types.js';
import { FOREST, MarketJournal, tradingSetup } from './test-support/journal.js';
import { ledgerOk, run } from './test-support/run.js';
import type { ExchangeState } from './types.js';

const limit = (side: 'buy' | 'sell', priceFen: number, quantityT: number, tif = 'GTC') => ({ instrument: FOREST, side, kind: 'limit', priceFen, quantityT, tif });
const payloadOf = (r: EventRecord | undefined) => r!.payload as Record<string, any>;
const lastOf = (records: readonly EventRecord[]) => records.at(-1)!;

/** Balances, statements and who holds which serials: what a bust must give back. */
function holdings(state: ExchangeState): string {
  const balances = [...state.balances.entries()].map((b) => `${b.account} ${b.asset} ${b.balance}`).sort();
  const serials: string[] = [];
  for (const blocks of state.blocks.byProject.values()) for (const b of blocks.values()) for (let s = b.start; s <= b.end; s++) serials.push(`${b.projectId}/${s}@${b.account}`);
  const statements = [...state.statements].map(([p, m]) => [p, [...m].filter(([, s]) => s.salesFen !== 0 || s.payableFen !== 0).map(([id, s]) => [id, s.salesFen, s.deductionsFen, s.payableFen, s.paidFen])]);
  return JSON.stringify({ balances, serials: serials.sort(), statements });
}

test('a bust posts the trade\'s reversing entries (hand-computed) and the trade leaves the session\'s VWAP', () => {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('emitter', 'order.place', limit('buy', 5100, 150), 'bid');
  const before = run(j.commands);
  const emitterCashFen = before.engine.state.balances.balance('P:emitter:cash', 'CNY') + before.engine.state.balances.balance('P:emitter:reserved', 'CNY');
  j.add('coop', 'order.place', limit('sell', 5000, 100));
  const traded = run(j.commands);
  const trade = traded.records.find((r) => r.type === 'trade')!;
  // The seller took the resting bid's price: 100 t at 5,100 fen.
  assert.equal(payloadOf(trade).priceFen, 5100);
  j.add('operator', 'trade.bust', { tradeSeq: trade.seq, reason: 'clearly erroneous price' });
  j.add('operator', 'session.close', { instrument: FOREST });
  const { engine, records } = run(j.commands);
  const busted = records.find((r) => r.type === 'trade.busted')!;
  const b = payloadOf(busted);
  assert.equal(b.tradeSeq, trade.seq);
  assert.deepEqual(b.blocks.map((x: { serial: string; from: string; to: string }) => [x.serial, x.from, x.to]), [['NTL-360732-XG01-2023-311-410', 'P:emitter:units', 'P:coop:units']]);
  // Notional 510,000; fees floor(510,000 × 10 / 10,000) = 510 each side. Seller's net 509,490 ran through the waterfall.
  const cash = b.postings.filter((p: { asset: string }) => p.asset === 'CNY').map((p: { debit: string; credit: string; amount: number }) => [p.debit, p.credit, p.amount]);
  const w = payloadOf(trade).waterfalls[0].waterfall;
  assert.equal(w.netProceedsFen, 509_490);
  assert.deepEqual(cash.slice(0, 3), [['P:coop:cash', 'P:emitter:cash', 510_000], ['P:operator:cash', 'P:emitter:cash', 510], ['P:operator:cash', 'P:coop:cash', 510]]);
  const unwound = cash.slice(3).reduce((s: number, p: [string, string, number]) => s + p[2], 0);
  const booked = w.deductions.filter((d: { recipient: string }) => d.recipient !== 'coop').reduce((s: number, d: { amountFen: number }) => s + d.amountFen, 0)
    + w.members.reduce((s: number, m: { amountFen: number }) => s + m.amountFen, 0);
  assert.equal(unwound, booked);
  const s = engine.state;
  assert.equal(s.balances.balance('P:emitter:units', 'UNIT/XG01/2023'), 0);
  assert.equal(s.balances.balance('P:coop:units', 'UNIT/XG01/2023'), 1240);
  assert.equal(s.balances.balance('P:operator:cash', 'CNY'), 0);
  assert.equal(s.balances.balance('P:coop:cash', 'CNY'), 0);
  // The rest of the bid (50 t at 5,100 + fee) is still reserved; everything else is back in free cash.
  assert.equal(s.balances.balance('P:emitter:reserved', 'CNY'), 50 * 5100 + 255);
  assert.equal(s.balances.balance('P:emitter:cash', 'CNY') + s.balances.balance('P:emitter:reserved', 'CNY'), emitterCashFen);
  for (const m of s.statements.get('XG01')!.values()) assert.deepEqual([m.salesFen, m.deductionsFen, m.payableFen], [0, 0, 0]);
  // The only trade was busted: the close is the previous close.
  const close = payloadOf(records.find((r) => r.type === 'session.closed'));
  assert.deepEqual([close.closeSource, close.volumeT], ['previous-close', 0]);
  assert.ok(ledgerOk(records).ok);
});

test('refusals: not the operator, unknown or busted trade, closed session, units or money moved on', () => {
  const setup = () => {
    const j = new MarketJournal();
    tradingSetup(j);
    j.add('coop', 'order.place', limit('sell', 5000, 100));
    j.add('emitter', 'order.place', limit('buy', 5000, 100, 'IOC'));
    const seq = run(j.commands).records.find((r) => r.type === 'trade')!.seq;
    return { j, seq };
  };
  const codeOf = (j: MarketJournal) => {
    const r = run(j.commands).records;
    const last = lastOf(r);
    return last.type.endsWith('.rejected') ? payloadOf(last).code : 'accepted';
  };
  const cases: [string, (j: MarketJournal, seq: number) => void][] = [
    ['wrong_role', (j, seq) => j.add('coop', 'trade.bust', { tradeSeq: seq, reason: 'x' })],
    ['unknown_trade', (j, seq) => j.add('operator', 'trade.bust', { tradeSeq: seq - 1, reason: 'x' })],
    ['unknown_trade', (j, seq) => { j.add('operator', 'trade.bust', { tradeSeq: seq, reason: 'x' }); j.add('operator', 'trade.bust', { tradeSeq: seq, reason: 'again' }); }],
    ['unknown_trade', (j, seq) => { j.add('operator', 'session.close', { instrument: FOREST }); j.add('operator', 'trade.bust', { tradeSeq: seq, reason: 'x' }); }],
    ['serial_not_held', (j, seq) => { j.add('emitter', 'credits.transfer', { to: 'fund', quantityT: 10 }); j.add('operator', 'trade.bust', { tradeSeq: seq, reason: 'x' }); }],
    ['insufficient_units', (j, seq) => { j.add('emitter', 'order.place', limit('sell', 5400, 10)); j.add('operator', 'trade.bust', { tradeSeq: seq, reason: 'x' }); }],
    ['insufficient_funds', (j, seq) => { j.add('coop', 'cash.withdraw', { amountFen: 40_000, reference: 'out' }); j.add('operator', 'trade.bust', { tradeSeq: seq, reason: 'x' }); }],
    ['insufficient_funds', (j, seq) => { j.add('coop', 'benefit.pay', { projectId: 'XG01', memberId: 'farmer1', amountFen: 1, bankReference: 'b1' }); j.add('operator', 'trade.bust', { tradeSeq: seq, reason: 'x' }); }],
    ['invalid_payload', (j) => j.add('operator', 'trade.bust', { tradeSeq: 0, reason: 'x' })],
    ['accepted', (j, seq) => j.add('operator', 'trade.bust', { tradeSeq: seq, reason: 'x' })],
  ];
  for (const [code, build] of cases) {
    const { j, seq } = setup();
    build(j, seq);
    const { records } = run(j.commands);
    assert.equal(codeOf(j), code, JSON.stringify(payloadOf(lastOf(records))));
    if (code !== 'accepted') assert.equal(payloadOf(lastOf(records)).postings, undefined);
    assert.ok(ledgerOk(records).ok);
  }
});

test('property: busting every trade, in any order, gives back the balances, serials and statements of before', () => {
  const order = fc.record({ buyer: fc.constantFrom('emitter', 'fund', 'charity'), priceFen: fc.integer({ min: 4900, max: 5100 }), quantityT: fc.integer({ min: 1, max: 60 }), sellerFirst: fc.boolean() });
  fc.assert(fc.property(fc.array(order, { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.nat()), (orders, picks) => {
    const j = new MarketJournal();
    tradingSetup(j);
    const before = holdings(run(j.commands).engine.state);
    for (const o of orders) {
      // Each pair crosses and the taker is IOC, so nothing is left resting.
      if (o.sellerFirst) {
        j.add('coop', 'order.place', limit('sell', o.priceFen, o.quantityT));
        j.add(o.buyer, 'order.place', limit('buy', o.priceFen, o.quantityT, 'IOC'));
      } else {
        j.add(o.buyer, 'order.place', limit('buy', o.priceFen, o.quantityT));
        j.add('coop', 'order.place', limit('sell', o.priceFen, o.quantityT, 'IOC'));
      }
    }
    const traded = run(j.commands).records;
    const seqs = traded.filter((r) => r.type === 'trade').map((r) => r.seq);
    const it = picks[Symbol.iterator]();
    while (seqs.length > 0) {
      const [seq] = seqs.splice(it.next().value % seqs.length, 1);
      j.add('operator', 'trade.bust', { tradeSeq: seq, reason: 'property' });
    }
    const { engine, records } = run(j.commands);
    assert.equal(records.filter((r) => r.type === 'trade.busted').length, traded.filter((r) => r.type === 'trade').length);
    assert.equal(holdings(engine.state), before);
    assert.ok(ledgerOk(records).ok);
  }), { numRuns: 60 });
});
