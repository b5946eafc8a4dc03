import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apportion, cityWeights, disaggregate, runPathway } from './index.js';
import { GOLDEN } from './test-support/scenarios.js';

const regions = [
  { regionCode: '410100', regionName: 'A', emissionsT: 60, population: 10, gdp: 50, ecc: 0.5 },
  { regionCode: '410200', regionName: 'B', emissionsT: 30, population: 30, gdp: 30, ecc: 1 },
  { regionCode: '410300', regionName: 'C', emissionsT: 10, population: 60, gdp: 20, ecc: 2 },
];

test('city weights by basis and composite (hand-computed)', () => {
  const weights = (w: Parameters<typeof cityWeights>[0]['weights']) => {
    const r = cityWeights({ weights: w, regions });
    assert.ok(r.ok);
    return r.value.map((x) => Number(x.toFixed(12)));
  };
  assert.deepEqual(weights('emissions'), [0.6, 0.3, 0.1]);
  assert.deepEqual(weights('population'), [0.1, 0.3, 0.6]);
  assert.deepEqual(weights('gdp'), [0.5, 0.3, 0.2]);
  // ecc: emissions × ECC = 30, 30, 20 → 3/8, 3/8, 1/4.
  assert.deepEqual(weights('ecc'), [0.375, 0.375, 0.25]);
  // 0.5 emissions + 0.5 population.
  assert.deepEqual(weights({ emissions: 1, population: 1 }), [0.35, 0.3, 0.35]);
  const missing = cityWeights({ weights: 'fixed', regions });
  assert.equal(!missing.ok && missing.error.code, 'missing_field');
  assert.deepEqual(!missing.ok && missing.error.path, ['disaggregation', 'cities', 'regions', 0, 'weight']);
});

test('cities and sectors add up to the province in every year', () => {
  const run = runPathway({
    ...GOLDEN,
    disaggregation: {
      cities: { weights: 'emissions', regions },
      sectors: { baseShares: { power: 0.5, industry: 0.3, other: 0.2 }, targetShares: { power: 0.2, industry: 0.3, other: 0.5 }, targetYear: 2023 },
    },
  });
  assert.ok(run.ok);
  const d = run.value.disaggregation;
  assert.ok(d?.cities !== undefined && d.sectors !== undefined);
  run.value.years.forEach((year, k) => {
    assert.equal(d.cities?.regions.reduce((sum, r) => sum + (r.emissions_t[k] as number), 0), year.emissions_t);
    assert.equal(d.sectors?.reduce((sum, s) => sum + (s.emissions_t[k] as number), 0), year.emissions_t);
  });
  const power = d.sectors.find((s) => s.sector === 'power');
  assert.deepEqual(power?.shares.map((x) => Number(x.toFixed(12))), [0.5, 0.4, 0.3, 0.2, 0.2, 0.2]);
});

test('property: parts of a disaggregation sum exactly to the whole', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1e-3, max: 1e12, noNaN: true }),
      fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }).filter((w) => w.some((x) => x > 0)),
      (total, raw) => {
        const sum = raw.reduce((a, b) => a + b, 0);
        const parts = apportion(total, raw.map((x) => x / sum));
        let added = 0;
        for (const part of parts) added += part;
        assert.equal(added, total);
        parts.forEach((part, i) => assert.ok(Math.abs(part - total * ((raw[i] as number) / sum)) <= 1e-15 * total));
      },
    ),
    { numRuns: 2000 },
  );
});

test('sector shares must sum to 1 and name the same sectors', () => {
  const bad = disaggregate({ sectors: { baseShares: { a: 0.5, b: 0.4 } } }, [2020, 2021], [1, 1]);
  assert.equal(!bad.ok && bad.error.code, 'bad_param_value');
  const stray = disaggregate({ sectors: { baseShares: { a: 0.5, b: 0.5 }, targetShares: { a: 0.5, c: 0.5 } } }, [2020, 2021], [1, 1]);
  assert.deepEqual(!stray.ok && stray.error.path, ['disaggregation', 'sectors', 'targetShares', 'c']);
});
