/**
 * Properties of the compliance regimes (issue 6): the clearing pool pays out exactly what it
 * took in, in proportion; an obligation never appears as a holding; surrendered units are
 * retired and never move; the ledger verifies after any sequence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CommandEnvelope } from '../journal/types.js';
import { checkLedger } from '../ledger/index.js';
import { ACCOUNTS, splitLargestRemainder } from '../ledger/index.js';
import { FOREST, MarketJournal } from '../market/test-support/journal.js';
import { HASH, complianceSetup, neutralityUpToReport } from './test-support/examples.js';
import { run } from './test-support/run.js';

const CITIES = ['360200', '360300', '360500', '360600', '360900', '361000', '361100'];

test('clearing: the pool pays out exactly what it took in, split in proportion (largest remainder)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 50_000_000 }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 4 }),
      (payerFen, receiverWeights) => {
        const j = new MarketJournal();
        complianceSetup(j);
        const codes = CITIES.slice(0, payerFen.length + receiverWeights.length);
        for (const code of codes) j.add('admin', 'participant.register', { id: `gov${code}`, kind: 'city-government', name: code, regionCode: code });
        payerFen.forEach((fen, i) => j.add(`gov${codes[i]}`, 'cash.deposit', { amountFen: fen, reference: 'treasury' }));
        const totalFen = payerFen.reduce((a, b) => a + b, 0);
        const receiverCodes = codes.slice(payerFen.length);
        const owed = splitLargestRemainder(totalFen, receiverWeights, receiverCodes);
        assert.ok(owed.ok);
        const regions = [
          ...payerFen.map((fen, i) => ({ regionCode: codes[i]!, role: 'pay', amount10kYuan: fen / 1_000_000 })),
          ...owed.value.map((fen, i) => ({ regionCode: receiverCodes[i]!, role: fen === 0 ? 'balance' : 'receive', amount10kYuan: fen === 0 ? 0 : -fen / 1_000_000 })),
        ];
        j.add('prov', 'compensation.settle', { year: 2020, resultHash: HASH, balanced: true, regions });
        const { records, engine } = run(j.commands);
        const last = records.at(-1)!;
        assert.equal(last.type, 'compensation.settled', JSON.stringify(last.payload));
        const p = last.payload as unknown as { poolInFen: number; poolOutFen: number; postings: { amount: number; debit: string; credit: string }[] };
        const pool = 'R:compensation:2020';
        const inFen = p.postings.filter((x) => x.credit === pool).reduce((s, x) => s + x.amount, 0);
        const outFen = p.postings.filter((x) => x.debit === pool).reduce((s, x) => s + x.amount, 0);
        assert.equal(inFen, totalFen);
        assert.equal(outFen, totalFen);
        assert.equal(engine.state.balances.balance(pool, 'CNY'), 0);
        receiverCodes.forEach((code, i) => assert.equal(engine.state.balances.balance(ACCOUNTS.cash(`gov${code}`), 'CNY'), owed.value[i]));
        assert.ok(checkLedger(records.map((record, i) => ({ line: i + 1, record }))).ok);
      },
    ),
    { numRuns: 25 },
  );
});

type Op = { kind: 'surrender' | 'open' | 'deliver'; quantityT: number } | { kind: 'settle' } | { kind: 'move-surrendered' };

test('an obligation is never a holding; surrendered units never move; the ledger verifies after any sequence', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constantFrom('surrender' as const, 'open' as const, 'deliver' as const), quantityT: fc.integer({ min: 1, max: 400 }) }),
    fc.constant({ kind: 'settle' as const }),
    fc.constant({ kind: 'move-surrendered' as const }),
  );
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops: Op[]) => {
      const j = neutralitySetup();
      let n = 0;
      let day = '2025-03-04';
      const surrendered: string[] = [];
      const commands: CommandEnvelope[] = [...j.commands];
      const { engine, records } = run(commands);
      const submit = (actor: string, type: string, payload: unknown) => {
        n += 1;
        const s = engine.submit({ key: `p${n}`, actor, type, at: `${day}T10:30:${String(n % 60).padStart(2, '0')}+08:00`, payload });
        if (s.kind === 'duplicate') return null;
        for (const e of s.events) records.push(e.record);
        return s;
      };
      for (const o of ops) {
        const obligations = [...engine.state.compliance.obligations.values()].filter((x) => x.status === 'open');
        if (o.kind === 'surrender' || o.kind === 'deliver') {
          const target = o.kind === 'deliver' ? obligations[0]?.obligationId : undefined;
          const s = submit('emitter', 'compliance.surrender', { jurisdiction: 'NC', periodId: 'N2024', credits: { quantityT: o.quantityT }, ...(target === undefined ? {} : { obligationId: target }) });
          if (s?.kind === 'new' && s.accepted) surrendered.push(...((s.events[0]!.record.payload as { serials: string[] }).serials));
        } else if (o.kind === 'open') {
          submit('emitter', 'obligation.open', { obligationId: `OB${n}`, jurisdiction: 'NC', periodId: 'N2024', quantityT: o.quantityT, dueDate: '2025-12-31', cityLimit: { regionCode: '360100', limitT: 600, sourceHash: HASH } });
        } else if (o.kind === 'settle') {
          day = '2025-12-31';
          if (obligations[0] !== undefined) submit('nc', 'obligation.settle', { obligationId: obligations[0].obligationId, rollOverDueDate: '2026-12-31' });
        } else if (surrendered.length > 0) {
          const s = submit('emitter', 'credits.transfer', { to: 'fund', serials: [surrendered[0]!] });
          assert.ok(s?.kind === 'new' && !s.accepted, 'a surrendered serial moved');
        }
      }
      for (const { account, asset } of engine.state.balances.entries()) {
        assert.ok(asset === 'CNY' || asset.startsWith('UNIT/'), `unexpected asset ${asset}`);
        if (asset !== 'CNY') assert.ok(!/OB\d/.test(account), `units in an obligation's account ${account}`);
      }
      // Units held = bought − surrendered: opening obligations never created units.
      const held = [...engine.state.balances.assetsOf(ACCOUNTS.units('emitter')).values()].reduce((a, b) => a + b, 0);
      const out = records.filter((r) => r.type === 'compliance.surrendered').reduce((s, r) => s + (r.payload as { creditsT: number }).creditsT, 0);
      assert.equal(held, 1_200 - out);
      const ledger = checkLedger(records.map((record, i) => ({ line: i + 1, record })));
      assert.ok(ledger.ok, JSON.stringify(!ledger.ok && ledger.error));
    }),
    { numRuns: 40 },
  );
});

/** Nanchang's neutrality market; the emitter holds 1,200 t of forest credits and owes 1,600 t for 2024. */
function neutralitySetup(): MarketJournal {
  const j = new MarketJournal();
  neutralityUpToReport(j);
  j.add('coop', 'order.place', { instrument: FOREST, side: 'sell', kind: 'limit', priceFen: 5_000, quantityT: 1_200, tif: 'GTC' });
  j.add('emitter', 'order.place', { instrument: FOREST, side: 'buy', kind: 'limit', priceFen: 5_000, quantityT: 1_200, tif: 'GTC' });
  return j;
}
