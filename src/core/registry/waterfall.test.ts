import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ContractTerms } from './types.js';
import { runWaterfall } from './waterfall.js';
import { EXAMPLES } from './test-support/examples.js';
import { engineFor } from './test-support/run.js';
import { memberStatement } from './views.js';

const RUNS = process.env['NEUTRAL_LONG_PROPERTIES'] === '1' ? 10_000 : 300;

const terms = (formula: ContractTerms['formula'], deductions: [string, number][]): ContractTerms => ({
  version: 1, formula, schedule: 'monthly', members: [],
  deductions: deductions.map(([name, shareBp]) => ({ name, shareBp, recipient: name })),
});

test('hand-checked waterfall: deductions in order on what is left, then largest remainder by member id', () => {
  // 1,000,001 fen: buffer 10 % → 100,000 (floor of 100,000.1); verification 5 % of 900,001 → 45,000;
  // platform 2.5 % of 855,001 → 21,375. Remainder 833,626 split 1:1:1 → 277,875.33 each: one fen to m1.
  const w = runWaterfall(1_000_001, terms('per-capita', [['buffer', 1000], ['verification', 500], ['platform', 250]]), new Map([['m2', 1], ['m1', 1], ['m3', 1]]));
  assert.ok(w.ok);
  assert.deepEqual(w.value.deductions.map((d) => d.amountFen), [100_000, 45_000, 21_375]);
  assert.equal(w.value.remainderFen, 833_626);
  assert.deepEqual(w.value.members.map((m) => [m.memberId, m.amountFen]), [['m1', 277_876], ['m2', 277_875], ['m3', 277_875]]);
  // Each member's share of the deductions (166,375 by 1:1:1) makes up its gross.
  assert.deepEqual(w.value.members.map((m) => m.deductionsFen), [55_459, 55_458, 55_458]);
  assert.equal(w.value.members.reduce((s, m) => s + m.grossFen, 0), 1_000_001);
});

test('no weight, no split', () => {
  assert.equal(runWaterfall(100, terms('fixed', []), new Map()).ok, false);
  assert.equal(runWaterfall(100, terms('fixed', []), new Map([['a', 0]])).ok, false);
});

test('property: deductions plus members sum exactly to the proceeds, every part non-negative', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e12 }),
      fc.array(fc.integer({ min: 0, max: 10000 }), { maxLength: 4 }),
      fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 8 }),
      (net, bps, weights) => {
        const w = runWaterfall(net, terms('fixed', bps.map((bp, i) => [`d${i}`, bp])), new Map(weights.map((x, i) => [`m${i}`, x])));
        assert.ok(w.ok);
        const deducted = w.value.deductions.reduce((s, d) => s + d.amountFen, 0);
        assert.equal(deducted + w.value.remainderFen, net);
        assert.equal(w.value.members.reduce((s, m) => s + m.amountFen, 0), w.value.remainderFen);
        assert.equal(w.value.members.reduce((s, m) => s + m.deductionsFen, 0), deducted);
        assert.ok(w.value.members.every((m) => m.amountFen >= 0 && m.deductionsFen >= 0));
      },
    ),
    { numRuns: RUNS },
  );
});

test("the cooperative example: members' statements add up to the proceeds after deductions", () => {
  const { engine } = engineFor(EXAMPLES['registry-cooperative-forest']!());
  const rows = ['farmer1', 'farmer2', 'farmer3'].map((m) => memberStatement(engine.state, 'XG01', m));
  // 2,500,000 fen: verification 5 % = 125,000; cooperative fee 10 % of 2,375,000 = 237,500; 2,137,500 to members
  // by attributed tonnes 625 : 381 : 234 → 1,077,368.95, 656,764.11, 403,366.94: the two fen left go to farmer1 and farmer3.
  assert.deepEqual(rows.map((r) => [r.attributedT, r.payableFen]), [[625, 1_077_369], [381, 656_764], [234, 403_367]]);
  assert.deepEqual([rows[0]!.paidFen, rows[0]!.outstandingFen], [1_000_000, 77_369]);
  assert.equal(rows.reduce((s, r) => s + r.salesFen, 0), 2_500_000);
});
