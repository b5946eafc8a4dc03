/**
 * Differential property test: random order streams through the exchange and through a small,
 * obviously-correct reference matcher (a sorted list, written for this test) give the same
 * trades; and the invariants hold after every command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CommandEnvelope } from '../journal/types.js';
import { BUY, SELL } from './book.js';
import { FOREST, MarketJournal, tradingSetup } from './test-support/journal.js';
import { exchangeEngine, ledgerOk, run } from './test-support/run.js';
import type { ExchangeState } from './types.js';

let TRADES = 0;
const RUNS = process.env['NEUTRAL_LONG_PROPERTIES'] === '1' ? 10_000 : 200;
const TRADERS = ['coop', 'emitter', 'fund', 'charity'] as const;

interface RefOrder { id: string; side: 'buy' | 'sell'; priceFen: number; quantityT: number; owner: string; seq: number }

/** The reference: resting orders in a plain list; best price then arrival; cancel-oldest self-trade. */
class ReferenceMatcher {
  resting: RefOrder[] = [];
  seq = 0;

  place(o: Omit<RefOrder, 'seq'>, kind: 'limit' | 'market', tif: string, lowerFen: number, upperFen: number): [string, string, number, number][] {
    const limit = kind === 'market' ? (o.side === 'buy' ? upperFen : lowerFen) : o.priceFen;
    const crosses = (r: RefOrder) => r.side !== o.side && (o.side === 'buy' ? r.priceFen <= limit : r.priceFen >= limit);
    const queue = this.resting.filter(crosses).sort((a, b) => (o.side === 'buy' ? a.priceFen - b.priceFen : b.priceFen - a.priceFen) || a.seq - b.seq);
    if (tif === 'FOK') {
      const available = queue.filter((r) => r.owner !== o.owner).reduce((s, r) => s + r.quantityT, 0);
      if (available < o.quantityT) return [];
    }
    const trades: [string, string, number, number][] = [];
    let left = o.quantityT;
    for (const r of queue) {
      if (left === 0) break;
      if (r.owner === o.owner) {
        this.resting = this.resting.filter((x) => x !== r);
        continue;
      }
      const q = Math.min(left, r.quantityT);
      trades.push(o.side === 'buy' ? [o.id, r.id, r.priceFen, q] : [r.id, o.id, r.priceFen, q]);
      left -= q;
      r.quantityT -= q;
      if (r.quantityT === 0) this.resting = this.resting.filter((x) => x !== r);
    }
    if (left > 0 && kind === 'limit' && (tif === 'GTC' || tif === 'DAY')) this.resting.push({ ...o, priceFen: limit, quantityT: left, seq: this.seq++ });
    return trades;
  }

  cancel(id: string): void {
    this.resting = this.resting.filter((r) => r.id !== id);
  }
}

function base(): CommandEnvelope[] {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('coop', 'cash.deposit', { amountFen: 5_000_000, reference: 'coop-cash' });
  j.add('coop', 'credits.transfer', { to: 'emitter', quantityT: 300 });
  j.add('coop', 'credits.transfer', { to: 'fund', quantityT: 300 });
  j.add('admin', 'participant.register', { id: 'x', kind: 'individual', name: 'x', regionCode: '360100' });
  return j.commands;
}

type Step =
  | { op: 'place'; trader: number; side: 'buy' | 'sell'; kind: 'limit' | 'market'; priceFen: number; quantityT: number; tif: string }
  | { op: 'cancel'; pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('place' as const), trader: fc.nat(3), side: fc.constantFrom('buy' as const, 'sell' as const), kind: fc.constant('limit' as const), priceFen: fc.integer({ min: 4_960, max: 5_040 }), quantityT: fc.integer({ min: 1, max: 40 }), tif: fc.constantFrom('GTC', 'DAY', 'IOC', 'FOK') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('place' as const), trader: fc.nat(3), side: fc.constantFrom('buy' as const, 'sell' as const), kind: fc.constant('market' as const), priceFen: fc.constant(0), quantityT: fc.integer({ min: 1, max: 60 }), tif: fc.constantFrom('IOC', 'FOK') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat(1000) }) },
);

function invariants(state: ExchangeState): void {
  const inst = state.market.instruments.get(FOREST)!;
  const bid = inst.book.bestBidFen;
  const ask = inst.book.bestAskFen;
  if (bid !== null && ask !== null) assert.ok(bid < ask, `book crossed: ${bid} ≥ ${ask}`);
  for (const owner of TRADERS) {
    let reservedFen = 0;
    let reservedT = 0;
    for (const o of state.market.orders.values()) {
      if (o.owner !== owner) continue;
      if (o.side === BUY) reservedFen += o.reservedFen;
      else reservedT += o.remainingT;
    }
    assert.equal(state.balances.balance(`P:${owner}:reserved`, 'CNY'), reservedFen, `${owner}: reserved cash = Σ open buy reservations`);
    assert.equal(state.reservedUnits.get(`P:${owner}:units`)?.get(FOREST) ?? 0, reservedT, `${owner}: reserved units = Σ open sells`);
    assert.ok(state.balances.balance(`P:${owner}:cash`, 'CNY') >= 0);
  }
  assert.equal(inst.book.size, state.market.orders.size);
}

test('differential: the engine and the reference matcher give the same trades; invariants after every command', () => {
  const setup = base();
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 5, maxLength: 80, size: 'medium' }), (steps) => {
      const engine = exchangeEngine();
      const { records: setupRecords } = run(setup, engine);
      const totalCash = [...engine.state.balances.entries()].filter((e) => e.asset === 'CNY' && !e.account.startsWith('X:')).reduce((s, e) => s + e.balance, 0);
      const inst = engine.state.market.instruments.get(FOREST)!;
      const ref = new ReferenceMatcher();
      const placed: string[] = [];
      const records = [...setupRecords];
      steps.forEach((step, i) => {
        const key = `p${i}`;
        let command: CommandEnvelope;
        if (step.op === 'cancel') {
          if (placed.length === 0) return;
          const id = placed[step.pick % placed.length]!;
          const [actor, orderKey] = id.split('/') as [string, string];
          command = { key, actor, type: 'order.cancel', at: '2025-03-03T10:30:00+08:00', payload: { orderKey } };
        } else {
          const actor = TRADERS[step.trader]!;
          const payload: Record<string, unknown> = { instrument: FOREST, side: step.side, kind: step.kind, quantityT: step.quantityT, tif: step.tif };
          if (step.kind === 'limit') payload['priceFen'] = step.priceFen;
          command = { key, actor, type: 'order.place', at: '2025-03-03T10:30:00+08:00', payload };
        }
        const s = engine.submit(command);
        assert.equal(s.kind, 'new');
        if (s.kind !== 'new') return;
        records.push(...s.events.map((e) => e.record));
        const trades = s.events.filter((e) => e.record.type === 'trade').map((e) => e.record.payload as Record<string, any>);
        if (!s.accepted) {
          assert.equal(trades.length, 0);
          return;
        }
        let expected: [string, string, number, number][] = [];
        if (step.op === 'cancel') ref.cancel(`${command.actor}/${(command.payload as { orderKey: string }).orderKey}`);
        else {
          placed.push(`${command.actor}/${key}`);
          expected = ref.place({ id: `${command.actor}/${key}`, side: step.side, priceFen: step.priceFen, quantityT: step.quantityT, owner: command.actor }, step.kind, step.tif, inst.lowerFen, inst.upperFen);
        }
        assert.deepEqual(trades.map((t) => [t.buyOrderId, t.sellOrderId, t.priceFen, t.quantityT]), expected);
        for (const t of trades) {
          assert.ok(t.priceFen >= inst.lowerFen && t.priceFen <= inst.upperFen, 'no trade outside the band');
          for (const w of t.waterfalls ?? []) {
            const sum = w.waterfall.deductions.reduce((a: number, d: { amountFen: number }) => a + d.amountFen, 0) + w.waterfall.members.reduce((a: number, m: { amountFen: number }) => a + m.amountFen, 0);
            assert.equal(sum, w.waterfall.netProceedsFen, 'the waterfall sums exactly');
          }
        }
        if (step.op === 'place' && step.tif === 'FOK') {
          const filled = trades.reduce((a, t) => a + t.quantityT, 0);
          assert.ok(filled === 0 || filled === step.quantityT, 'FOK all or nothing');
        }
        invariants(engine.state);
        const cash = [...engine.state.balances.entries()].filter((e) => e.asset === 'CNY' && !e.account.startsWith('X:')).reduce((sum, e) => sum + e.balance, 0);
        assert.equal(cash, totalCash, 'cash conserved');
      });
      TRADES += records.filter((r) => r.type === 'trade').length;
      assert.deepEqual(ref.resting.map((r) => r.id).sort(), [...engine.state.market.orders.keys()].sort());
      const ledger = ledgerOk(records);
      assert.ok(ledger.ok, JSON.stringify(!ledger.ok && ledger.error));
    }),
    { numRuns: RUNS, seed: 20261123 },
  );
  assert.ok(TRADES > RUNS, `the streams trade (${TRADES} trades in ${RUNS} runs)`);
});

test('replay from the journal rebuilds the same state (recovery)', () => {
  const commands = base();
  const extra = ['buy', 'sell', 'buy', 'sell'].map((side, i) => ({ key: `r${i}`, actor: TRADERS[i]!, type: 'order.place', at: '2025-03-03T10:30:00+08:00', payload: { instrument: FOREST, side, kind: 'limit', priceFen: 5_000 + (i % 2) * 10, quantityT: 10 + i, tif: 'GTC' } }));
  const first = run([...commands, ...extra]);
  // Restore from stored events without deciding again, as a store reopening its log does.
  const restored = exchangeEngine();
  let seq = 0;
  for (const c of [...commands, ...extra]) {
    const events = first.records.filter((r) => r.key === c.key && r.seq > seq && (r.payload as { actor?: string }).actor === c.actor);
    restored.restore(c, events);
    seq = events.at(-1)?.seq ?? seq;
  }
  const a = first.engine.state.market.instruments.get(FOREST)!.book;
  const b = restored.state.market.instruments.get(FOREST)!.book;
  assert.deepEqual([b.depth(BUY, 10), b.depth(SELL, 10)], [a.depth(BUY, 10), a.depth(SELL, 10)]);
  assert.deepEqual([...restored.state.balances.entries()], [...first.engine.state.balances.entries()]);
  assert.equal(restored.headHash, first.engine.headHash);
});
