/**
 * A member's statement lines: hand-checked lines of a sale, a payment and a bust, and (examples
 * and a property) the lines of every member adding up to its statement, figure by figure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import type { CommandEnvelope, EventRecord } from '../journal/types.js';
import { FOREST, MarketJournal, tradingSetup } from '../market/test-support/journal.js';
import { run } from '../market/test-support/run.js';
import type { ExchangeState } from '../market/types.js';
import { StatementLines } from './statement-lines.js';
import { memberStatement } from './views.js';

const FIGURES = ['attributedT', 'salesFen', 'deductionsFen', 'payableFen', 'paidFen'] as const;

function folded(records: readonly EventRecord[]): StatementLines {
  const lines = new StatementLines();
  for (const record of records) lines.add(record);
  return lines;
}

/** Every member's lines against its statement, figure by figure; the number of members checked. */
function assertLinesAddUp(state: ExchangeState, lines: StatementLines, where: string): number {
  let members = 0;
  for (const [projectId, byMember] of state.statements) {
    for (const memberId of byMember.keys()) {
      const statement = memberStatement(state, projectId, memberId);
      const own = lines.of(projectId, memberId);
      for (const figure of FIGURES) {
        assert.equal(own.reduce((sum, line) => sum + line[figure], 0), statement[figure], `${where}: ${figure} of ${memberId} in ${projectId}`);
      }
      for (let i = 1; i < own.length; i++) assert.ok(own[i]!.seq > own[i - 1]!.seq, `${where}: lines of ${memberId} in journal order`);
      members++;
    }
  }
  return members;
}

const limit = (side: 'buy' | 'sell', priceFen: number, quantityT: number, tif = 'GTC') => ({ instrument: FOREST, side, kind: 'limit', priceFen, quantityT, tif });

test('a sale, a payment and a bust: each a line of the member, with what it added (hand-checked)', () => {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('emitter', 'order.place', limit('buy', 5100, 100));
  j.add('coop', 'order.place', limit('sell', 5100, 100));
  const traded = run(j.commands).records;
  const trade = traded.find((r) => r.type === 'trade')!;
  j.add('coop', 'benefit.pay', { projectId: 'XG01', memberId: 'farmer1', amountFen: 10_000, bankReference: 'RCC-2025-0001' });
  j.add('coop', 'benefit.pay', { projectId: 'XG01', memberId: 'farmer1', amountFen: 1, bankReference: 'RCC-2025-0002' });
  const { engine, records } = run(j.commands);
  const farmer1 = folded(records).of('XG01', 'farmer1');
  const issued = records.find((r) => r.type === 'credits.issued')!;
  const attributed = (issued.payload['attribution'] as { memberId: string; quantityT: number }[]).find((a) => a.memberId === 'farmer1')!.quantityT;
  const share = ((trade.payload['waterfalls'] as { waterfall: { members: { memberId: string; grossFen: number; deductionsFen: number; amountFen: number }[] } }[])[0]!.waterfall.members).find((m) => m.memberId === 'farmer1')!;
  // 100 t at 5,100 fen: notional 510,000, the seller's fee 510, net 509,490 through the waterfall.
  assert.equal(share.grossFen, share.deductionsFen + share.amountFen);
  assert.deepEqual(farmer1.map((l) => [l.kind, l.reference, l.tradeSeq, l.attributedT, l.salesFen, l.deductionsFen, l.payableFen, l.paidFen]), [
    ['issued', 'M2021-2023', undefined, attributed, 0, 0, 0, 0],
    ['sale', FOREST, trade.seq, 0, share.grossFen, share.deductionsFen, share.amountFen, 0],
    ['payment', 'RCC-2025-0001', undefined, 0, 0, 0, 0, 10_000],
    ['payment', 'RCC-2025-0002', undefined, 0, 0, 0, 0, 1],
  ]);
  assert.equal(farmer1[1]!.at, trade.payload['at']);
  assertLinesAddUp(engine.state, folded(records), 'paid');

  // A bust of an unpaid sale: the sale's figures taken back on a line of their own.
  const k = new MarketJournal();
  tradingSetup(k);
  k.add('emitter', 'order.place', limit('buy', 5100, 100));
  k.add('coop', 'order.place', limit('sell', 5100, 100));
  const sold = run(k.commands).records.find((r) => r.type === 'trade')!;
  k.add('operator', 'trade.bust', { tradeSeq: sold.seq, reason: 'clearly erroneous price' });
  const busted = run(k.commands);
  const lines = folded(busted.records).of('XG01', 'farmer1');
  assert.deepEqual(lines.map((l) => [l.kind, l.tradeSeq, l.salesFen, l.deductionsFen, l.payableFen]), [
    ['issued', undefined, 0, 0, 0],
    ['sale', sold.seq, share.grossFen, share.deductionsFen, share.amountFen],
    ['bust', sold.seq, -share.grossFen, -share.deductionsFen, -share.amountFen],
  ]);
  assertLinesAddUp(busted.engine.state, folded(busted.records), 'busted');
});

test('examples/market: every member\'s lines add up to its statement, and every kind of line occurs', () => {
  const kinds = new Set<string>();
  let members = 0;
  for (const file of readdirSync('examples/market').filter((name) => name.endsWith('.jsonl')).sort()) {
    const commands = readFileSync(`examples/market/${file}`, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as CommandEnvelope);
    const { engine, records } = run(commands);
    const lines = folded(records);
    members += assertLinesAddUp(engine.state, lines, file);
    for (const [projectId, byMember] of engine.state.statements) for (const memberId of byMember.keys()) for (const line of lines.of(projectId, memberId)) kinds.add(line.kind);
  }
  assert.ok(members >= 3, `members checked: ${members}`);
  for (const kind of ['issued', 'sale', 'distribution', 'payment']) assert.ok(kinds.has(kind), `a ${kind} line in the examples`);
});

test('property: after trades, payments and busts in any mix, every member\'s lines add up to its statement', () => {
  const step = fc.oneof(
    fc.record({ kind: fc.constant('trade' as const), buyer: fc.constantFrom('emitter', 'fund'), priceFen: fc.integer({ min: 4900, max: 5100 }), quantityT: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ kind: fc.constant('pay' as const), memberId: fc.constantFrom('farmer1', 'farmer2', 'farmer3'), amountFen: fc.integer({ min: 1, max: 50_000 }) }),
    fc.record({ kind: fc.constant('bust' as const), pick: fc.nat() }),
  );
  fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (steps) => {
    const j = new MarketJournal();
    tradingSetup(j);
    let trades: number[] = [];
    steps.forEach((s, i) => {
      if (s.kind === 'trade') {
        j.add(s.buyer, 'order.place', limit('buy', s.priceFen, s.quantityT));
        j.add('coop', 'order.place', limit('sell', s.priceFen, s.quantityT, 'IOC'));
        trades = run(j.commands).records.filter((r) => r.type === 'trade').map((r) => r.seq);
      } else if (s.kind === 'pay') {
        // Refused when more than is owed: a refusal moves no figure and makes no line.
        j.add('coop', 'benefit.pay', { projectId: 'XG01', memberId: s.memberId, amountFen: s.amountFen, bankReference: `bank-${i}` });
      } else if (trades.length > 0) {
        // Refused once a member was paid from the sale: likewise.
        j.add('operator', 'trade.bust', { tradeSeq: trades[s.pick % trades.length]!, reason: 'property' });
      }
    });
    const { engine, records } = run(j.commands);
    assertLinesAddUp(engine.state, folded(records), 'property');
  }), { numRuns: 60 });
});
