import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emissionRanks } from './set-stats.js';

test('emission ranks are competition ranks, largest first, ties sharing the better rank', () => {
  // Rows 1…5 of the year are table rows 6, 2, 4, 0, 8; row 8's emissions are unknown.
  const emissionsT = new Float64Array([1, 0, 9, 0, 5, 0, 5, 0, Number.NaN]);
  const ranks = emissionRanks(emissionsT, [6, 2, 4, 0, 8]);
  assert.deepEqual([...ranks], [2, 1, 2, 4, Number.NaN]);
});
