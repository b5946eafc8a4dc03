import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RowBudget } from './budget.js';
import { emissionRanks } from './set-stats.js';
import { row } from './test-support/rows.js';

const budget = (code: string, emissionsT: number | null): RowBudget => ({
  row: row({ code, year: 2020 }), energyT: emissionsT, respirationT: 0, landEmissionsT: 0, emissionsT, absorptionT: 0, budgetT: emissionsT, intensity: null,
});

test('emission ranks are competition ranks, largest first, ties sharing the better rank', () => {
  const ranks = emissionRanks([budget('360100', 5), budget('360200', 9), budget('360300', 5), budget('360400', 1), budget('360500', null)]);
  assert.deepEqual(Object.fromEntries(ranks), { '360100': 2, '360200': 1, '360300': 2, '360400': 4 });
});
