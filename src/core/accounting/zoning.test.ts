import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ZONING, presetParams, runAccounting, type EffectiveParams, type ZoningRule } from './index.js';
import { row } from './test-support/rows.js';

/** Four regions whose ECC and ESC are set by GDP and forest: emissions 400, 300, 200, 100. */
function zones(specs: { gdp: number; forest: number }[], zoning: readonly ZoningRule[] = DEFAULT_ZONING) {
  const base = presetParams('jiangxi-2024');
  const params: EffectiveParams = { ...base, coefficients: { ...base.coefficients, respiration: false }, zoning };
  const rows = specs.map((spec, index) =>
    row({ code: `3601${index}0`, year: 2020, gdpYuan: spec.gdp, energyTce: (400 - 100 * index) / 1.87, land: { forest: spec.forest / 5.77, cultivated: 0, grassland: 0, water: 0, unused: 0 } }),
  );
  const run = runAccounting({ rows, params, priceModeExplicit: false });
  assert.ok(run.ok);
  return run.value.regions.map((r) => r.zone);
}

test('rule 1: ESC ≥ 1 is carbon-sink functional, whatever the ECC', () => {
  // emission shares 0.4, 0.3, 0.2, 0.1; absorption all in region 4 → ESC 10 there, 0 elsewhere
  assert.equal(zones([{ gdp: 1, forest: 0 }, { gdp: 1, forest: 0 }, { gdp: 1, forest: 0 }, { gdp: 1, forest: 100 }])[3], 'carbon-sink-functional');
});

test('rule 2: ECC ≥ 1 and among the ceil(n/4) largest emitters is total-carbon control', () => {
  // region 1: GDP share 0.5 vs emission share 0.4 → ECC 1.25, and rank 1 ≤ ceil(4/4)
  const result = zones([{ gdp: 5, forest: 0 }, { gdp: 3, forest: 0 }, { gdp: 1, forest: 0 }, { gdp: 1, forest: 100 }]);
  assert.equal(result[0], 'total-carbon-control');
});

test('rule 3: ECC ≥ 1 outside the largest emitters is low-carbon optimisation', () => {
  // region 3: GDP share 0.3 vs emission share 0.2 → ECC 1.5, rank 3 > ceil(4/4) = 1
  const result = zones([{ gdp: 3, forest: 0 }, { gdp: 2, forest: 0 }, { gdp: 3, forest: 0 }, { gdp: 2, forest: 100 }]);
  assert.equal(result[2], 'low-carbon-optimisation');
});

test('rule 4: everything else is carbon-intensity control', () => {
  // region 2: GDP share 0.2 vs emission share 0.3 → ECC 0.67, ESC 0
  const result = zones([{ gdp: 3, forest: 0 }, { gdp: 2, forest: 0 }, { gdp: 3, forest: 0 }, { gdp: 2, forest: 100 }]);
  assert.equal(result[1], 'carbon-intensity-control');
});

test("a user's table replaces the default and is tried in order", () => {
  const table: ZoningRule[] = [
    { zone: 'total-carbon-control', when: 'emissions_share > 0.35' },
    { zone: 'carbon-sink-functional', when: 'budget_t < 0' },
    { zone: 'carbon-intensity-control', when: 'true' },
  ];
  assert.deepEqual(zones([{ gdp: 1, forest: 0 }, { gdp: 1, forest: 0 }, { gdp: 1, forest: 0 }, { gdp: 1, forest: 150 }], table), [
    'total-carbon-control', 'carbon-intensity-control', 'carbon-intensity-control', 'carbon-sink-functional',
  ]);
});

test('a table without a final "true" rule, or with a malformed rule, is refused naming the rule', () => {
  const base = presetParams('jiangxi-2024');
  const rows = [row({ code: '360100', year: 2020, gdpYuan: 1, energyTce: 1, population: 1 })];
  const noFinal = runAccounting({ rows, params: { ...base, zoning: [{ zone: 'carbon-sink-functional', when: 'esc >= 1' }] }, priceModeExplicit: false });
  assert.ok(!noFinal.ok && noFinal.error.code === 'zoning_no_final_true');
  const malformed = runAccounting({ rows, params: { ...base, zoning: [{ zone: 'carbon-sink-functional', when: 'esc >=' }, { zone: 'carbon-intensity-control', when: 'true' }] }, priceModeExplicit: false });
  assert.ok(!malformed.ok && malformed.error.code === 'bad_expression' && 'rule' in malformed.error && malformed.error.rule === 0);
});
