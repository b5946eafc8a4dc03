import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { presetParams, runAccounting, type RegionYearRow } from './index.js';
import { row } from './test-support/rows.js';

const RUNS = process.env.NEUTRAL_LONG_PROPERTIES === '1' ? 10_000 : 300;

const regionArb = fc.record({
  population: fc.integer({ min: 1, max: 20_000_000 }),
  gdp: fc.double({ min: 1e6, max: 1e13, noNaN: true }),
  energy: fc.double({ min: 1, max: 1e9, noNaN: true }),
  forest: fc.double({ min: 0, max: 5e6, noNaN: true }),
  cultivated: fc.double({ min: 0, max: 5e6, noNaN: true }),
});
const setArb = fc.array(regionArb, { minLength: 2, maxLength: 12 });

function toRows(regions: { population: number; gdp: number; energy: number; forest: number; cultivated: number }[], scaleGdp = 1, scaleEmissions = 1): RegionYearRow[] {
  return regions.map((r, i) =>
    row({
      code: `36${String(i + 1).padStart(2, '0')}00`,
      year: 2020,
      population: r.population * scaleEmissions,
      gdpYuan: r.gdp * scaleGdp,
      energyTce: r.energy * scaleEmissions,
      land: { forest: r.forest, cultivated: r.cultivated, grassland: 0, water: 0, unused: 0 },
    }),
  );
}

function run(rows: RegionYearRow[]) {
  const result = runAccounting({ rows, params: presetParams('jiangxi-2024'), priceModeExplicit: false });
  assert.ok(result.ok);
  return result.value;
}

const relativelyEqual = (a: number | null, b: number | null): boolean =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

test('ECC and ESC are unchanged when every GDP is scaled by one factor', () => {
  fc.assert(
    fc.property(setArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (regions, factor) => {
      const before = run(toRows(regions)).regions;
      const after = run(toRows(regions, factor)).regions;
      return before.every((r, i) => relativelyEqual(r.ecc, after[i]!.ecc) && relativelyEqual(r.esc, after[i]!.esc));
    }),
    { numRuns: RUNS },
  );
});

test('ECC is unchanged when every emission is scaled by one factor (no land sources)', () => {
  fc.assert(
    fc.property(setArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (regions, factor) => {
      const before = run(toRows(regions)).regions;
      const after = run(toRows(regions, 1, factor)).regions;
      return before.every((r, i) => relativelyEqual(r.ecc, after[i]!.ecc));
    }),
    { numRuns: RUNS },
  );
});

test('shares sum to 1 and the budget is emissions minus absorption', () => {
  fc.assert(
    fc.property(setArb, (regions) => {
      const result = run(toRows(regions));
      const sum = (pick: (r: (typeof result.regions)[number]) => number | null) => result.regions.reduce((a, r) => a + (pick(r) ?? 0), 0);
      const absorbs = result.regions.some((r) => (r.absorption_t ?? 0) > 0);
      return (
        Math.abs(sum((r) => r.emissions_share) - 1) < 1e-9 &&
        Math.abs(sum((r) => r.gdp_share) - 1) < 1e-9 &&
        (!absorbs || Math.abs(sum((r) => r.absorption_share) - 1) < 1e-9) &&
        result.regions.every((r) => relativelyEqual(r.budget_t, (r.emissions_t ?? 0) - (r.absorption_t ?? 0)))
      );
    }),
    { numRuns: RUNS },
  );
});
