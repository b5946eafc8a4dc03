import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ceilBp, floorBp, splitLargestRemainder } from './split.js';

const RUNS = process.env['NEUTRAL_LONG_PROPERTIES'] === '1' ? 10_000 : 300;

test('hand-checked splits: remainders, then ties to the smaller key', () => {
  assert.deepEqual(splitLargestRemainder(100, [1, 1, 1], ['a', 'b', 'c']), { ok: true, value: [34, 33, 33] });
  assert.deepEqual(splitLargestRemainder(100, [1, 1, 1], ['c', 'b', 'a']), { ok: true, value: [33, 33, 34] });
  // 10 by 3:2:2 → 4.2857, 2.857, 2.857: floors 4, 2, 2; the two units left go to the .857s.
  assert.deepEqual(splitLargestRemainder(10, [3, 2, 2], ['x', 'y', 'z']), { ok: true, value: [4, 3, 3] });
  assert.deepEqual(splitLargestRemainder(0, [0, 0], ['a', 'b']), { ok: true, value: [0, 0] });
  assert.equal(splitLargestRemainder(5, [0, 0], ['a', 'b']).ok, false);
  // total × weight beyond 2^53 stays exact.
  const big = splitLargestRemainder(9_000_000_000_000, [999_999_937, 1], ['a', 'b']);
  assert.ok(big.ok && big.value[0]! + big.value[1]! === 9_000_000_000_000);
});

test('basis points round in the stated direction', () => {
  assert.equal(floorBp(999, 500), 49);
  assert.equal(ceilBp(1201, 2000), 241);
  assert.equal(ceilBp(1200, 2000), 240);
});

test('property: parts sum exactly to the whole and each lies within one of its quota', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 12 }), (total, weights) => {
      const keys = weights.map((_, i) => `k${String(i).padStart(2, '0')}`);
      const split = splitLargestRemainder(total, weights, keys);
      const sum = weights.reduce((a, b) => a + b, 0);
      if (sum === 0) return assert.equal(split.ok, total === 0);
      assert.ok(split.ok);
      assert.equal(split.value.reduce((a, b) => a + b, 0), total);
      split.value.forEach((part, i) => {
        const quota = (total * weights[i]!) / sum;
        assert.ok(part >= Math.floor(quota) - 1 && part <= Math.ceil(quota) + 1);
      });
    }),
    { numRuns: RUNS },
  );
});
