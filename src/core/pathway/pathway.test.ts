import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ScenarioInput, compileScenario, runPathway } from './index.js';
import { GOLDEN, oracle } from './test-support/scenarios.js';

function run(input: ScenarioInput) {
  const result = runPathway(input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function problemOf(input: ScenarioInput) {
  const result = compileScenario(input);
  assert.equal(result.ok, false, 'expected a problem');
  return (result as { ok: false; error: { code: string; path: readonly (string | number)[] } }).error;
}

test('golden pathway: interior peak in 2022, neutral in 2024 (hand-computed)', () => {
  const r = run(GOLDEN);
  assert.deepEqual(r.years.map((y) => y.emissions_t), [100, 125, 156.25, 78.125, 39.0625, 19.53125]);
  assert.deepEqual(r.years.map((y) => y.gdp), [100, 125, 156.25, 156.25, 156.25, 156.25]);
  assert.deepEqual(r.years.map((y) => y.balance_ratio), [0.5, 0.4, 0.32, 0.64, 1.28, 2.56]);
  assert.equal(r.summary.peak_year, 2022);
  assert.equal(r.summary.peak_emissions_t, 156.25);
  assert.equal(r.summary.peak_at_boundary, false);
  assert.deepEqual(r.summary.plateau_years, [2022]);
  assert.equal(r.summary.plateau, false);
  assert.equal(r.summary.neutral_year, 2024);
  assert.equal(r.summary.stays_neutral, true);
  assert.deepEqual(r.summary.targets.map((t) => [t.name, t.met, t.value]), [['peakBy', true, 2022], ['neutralBy', true, 2024]]);
});

test('oracle §5.5: emissions, balance ratio, peak 2030 with plateau, neutrality 2055', () => {
  const r = run(oracle());
  const at = (year: number) => r.years.find((y) => y.year === year) as (typeof r.years)[number];
  const expected: [number, number][] = [[2025, 106.57], [2030, 107.01], [2035, 96.48], [2040, 78.73], [2050, 37.61], [2060, 9.48]];
  for (const [year, mt] of expected) assert.equal((at(year).emissions_t / 1e6).toFixed(2), mt.toFixed(2), `E ${year}`);
  assert.equal(at(2030).balance_ratio.toFixed(3), '0.114');
  assert.equal(at(2050).balance_ratio.toFixed(3), '0.482');
  assert.equal(at(2060).balance_ratio.toFixed(3), '2.329');
  assert.equal(r.summary.peak_year, 2030);
  assert.equal(r.summary.plateau, true);
  assert.deepEqual(r.summary.plateau_years, [2025, 2026, 2027, 2028, 2029, 2030]);
  assert.equal(r.summary.neutral_year, 2055);
});

test('peak on a boundary is flagged: falling from the base year, rising to the horizon', () => {
  const falling = run({ ...GOLDEN, periods: [{ from: 2021, to: 2025, gdpGrowth: 0, intensityReduction: 0.1 }] });
  assert.equal(falling.summary.peak_year, 2020);
  assert.equal(falling.summary.peak_at_boundary, true);
  const rising = run({ ...GOLDEN, periods: [{ from: 2021, to: 2025, gdpGrowth: 0.1, intensityReduction: 0 }] });
  assert.equal(rising.summary.peak_year, 2025);
  assert.equal(rising.summary.peak_at_boundary, true);
  assert.equal(rising.summary.neutral_year, null);
  assert.equal(rising.summary.stays_neutral, false);
});

test('rates per year inside a period, and a cumulative five-year reduction', () => {
  const r = run({ ...GOLDEN, periods: [{ from: 2021, to: 2025, gdpGrowth: [0.05, 0.04, 0.03, 0.02, 0.01], intensityReductionCumulative: 0.2 }] });
  const gdp = [100, 105, 105 * 1.04, 105 * 1.04 * 1.03, 105 * 1.04 * 1.03 * 1.02, 105 * 1.04 * 1.03 * 1.02 * 1.01];
  r.years.forEach((y, k) => assert.ok(Math.abs(y.gdp - (gdp[k] as number)) < 1e-9));
  assert.ok(Math.abs((r.years[5]?.intensity as number) - 0.8) < 1e-12, 'intensity falls by 20 % over five years');
  assert.ok(Math.abs((r.periods[0]?.intensity_reduction as number) - (1 - Math.pow(0.8, 1 / 5))) < 1e-15);
});

test('a stays_neutral of false when the balance ratio dips below 1 again', () => {
  const r = run({ ...GOLDEN, periods: [{ from: 2021, to: 2022, gdpGrowth: 0, intensityReduction: 0.6 }, { from: 2023, to: 2025, gdpGrowth: 1.5, intensityReduction: 0 }] });
  assert.equal(r.summary.neutral_year, 2021);
  assert.equal(r.summary.stays_neutral, false);
});

test('targets: intensity vs a history year, total vs the peak, non-fossil share', () => {
  const r = run({
    ...GOLDEN,
    history: [{ year: 2018, emissionsT: 120, gdp: 80 }],
    energyMix: { nonFossilShare: { '2020': 0.2, '2025': 0.45 } },
    targets: { intensity: { year: 2025, vsYear: 2018, change: -0.45 }, vsPeak: { year: 2024, change: -0.75 }, nonFossilShare: { year: 2024, min: 0.4 } },
  });
  const [intensity, vsPeak, share] = r.summary.targets;
  // I2025 = 19.53125 / 156.25 = 0.125; I2018 = 1.5; change = −0.91666…
  assert.ok(Math.abs((intensity?.value as number) - (0.125 / 1.5 - 1)) < 1e-12);
  assert.equal(intensity?.met, true);
  assert.equal(vsPeak?.value, 39.0625 / 156.25 - 1);
  assert.equal(vsPeak?.met, true);
  assert.ok(Math.abs((share?.value as number) - 0.4) < 1e-12);
  assert.equal(share?.met, true);
  assert.equal(r.years[1]?.non_fossil_share !== undefined, true);
});

test('sinks from land use, removals interpolated, sink assumptions each with a neutrality year', () => {
  const r = run({
    ...GOLDEN,
    sinksT: undefined as unknown as number,
    sinkLandUse: { coefficientsTPerHm2: { forest: -2, construction: 1 }, areasHm2: { '2020': { forest: 30, construction: 10 }, '2025': { forest: 40, construction: 10 } } },
    removalsT: { '2022': 0, '2024': 10 },
    sinkAssumptions: [{ name: 'small', sinksT: 10 }, { name: 'growing', sinksT: 10, sinkGrowth: 1 }],
  } as ScenarioInput);
  assert.deepEqual(r.years.map((y) => y.sinks_t), [50, 54, 58, 62, 66, 70]);
  assert.deepEqual(r.years.map((y) => y.removals_t), [0, 0, 0, 5, 10, 10]);
  assert.equal(r.summary.neutral_year, 2024); // (66 + 10) / 39.0625 ≥ 1; 2023: 67 / 78.125 < 1
  const [small, growing] = r.summary.sink_assumptions ?? [];
  assert.equal(small?.neutral_year, 2025); // 2024: 20 / 39.06 < 1; 2025: 20 / 19.53 ≥ 1
  assert.equal(growing?.neutral_year, 2023); // 10·2^3 + 5 = 85 ≥ 78.125
});

test('published figures are set beside ours', () => {
  const r = run({ ...GOLDEN, compare: { label: 'paper', emissionsT: { '2022': 150 } } });
  assert.deepEqual(r.summary.comparison, { label: 'paper', rows: [{ year: 2022, ours_t: 156.25, reference_t: 150, difference_t: 6.25, difference_share: 6.25 / 150 }] });
});

test('property: scaling emissions and sinks by k scales the pathway and keeps peak, plateau and neutrality', () => {
  const periodArb = fc.record({ g: fc.double({ min: -0.05, max: 0.12, noNaN: true }), r: fc.double({ min: -0.05, max: 0.3, noNaN: true }) });
  fc.assert(
    fc.property(fc.array(periodArb, { minLength: 1, maxLength: 6 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true }), (periods, k, sinkShare) => {
      const input: ScenarioInput = {
        name: 'p', baseYear: 2020, endYear: 2020 + periods.length * 5, emissionsT: 1e8, gdp: 1e4, sinksT: 1e8 * sinkShare,
        periods: periods.map((p, i) => ({ from: 2021 + 5 * i, to: 2025 + 5 * i, gdpGrowth: p.g, intensityReduction: p.r, sinkGrowth: 0.01 })),
      };
      const a = run(input);
      const b = run({ ...input, emissionsT: input.emissionsT * k, sinksT: (input.sinksT as number) * k });
      a.years.forEach((y, i) => {
        const scaled = b.years[i] as (typeof b.years)[number];
        assert.ok(Math.abs(scaled.emissions_t - k * y.emissions_t) <= 1e-9 * k * y.emissions_t);
        assert.ok(Math.abs(scaled.balance_ratio - y.balance_ratio) <= 1e-9 * y.balance_ratio);
      });
      // Same peak up to float ties (a flat pathway can tip either way by one ulp).
      assert.ok(Math.abs(b.summary.peak_emissions_t - k * a.summary.peak_emissions_t) <= 1e-9 * k * a.summary.peak_emissions_t);
      const atB = a.years[b.summary.peak_year - 2020]?.emissions_t as number;
      assert.ok(atB >= a.summary.peak_emissions_t * (1 - 1e-9));
    }),
    { numRuns: 200 },
  );
});

test('bad input: overlapping periods, gaps, rates ≤ −1, wrong counts, conflicting fields', () => {
  const with_ = (periods: ScenarioInput['periods']) => ({ ...GOLDEN, periods });
  let p = problemOf(with_([{ from: 2021, to: 2023, gdpGrowth: 0, intensityReduction: 0 }, { from: 2023, to: 2025, gdpGrowth: 0, intensityReduction: 0 }]));
  assert.deepEqual([p.code, p.path], ['period_overlap', ['periods', 1, 'from']]);
  p = problemOf(with_([{ from: 2021, to: 2022, gdpGrowth: 0, intensityReduction: 0 }, { from: 2024, to: 2025, gdpGrowth: 0, intensityReduction: 0 }]));
  assert.deepEqual([p.code, p.path], ['period_gap', ['periods', 1, 'from']]);
  p = problemOf(with_([{ from: 2021, to: 2024, gdpGrowth: 0, intensityReduction: 0 }]));
  assert.deepEqual([p.code, p.path], ['period_gap', ['periods']]);
  p = problemOf(with_([{ from: 2021, to: 2025, gdpGrowth: -1, intensityReduction: 0 }]));
  assert.deepEqual([p.code, p.path], ['rate_out_of_range', ['periods', 0, 'gdpGrowth']]);
  p = problemOf(with_([{ from: 2021, to: 2025, gdpGrowth: 0, intensityReduction: [0, 0, -1.2, 0, 0] }]));
  assert.deepEqual([p.code, p.path], ['rate_out_of_range', ['periods', 0, 'intensityReduction', 2]]);
  p = problemOf(with_([{ from: 2021, to: 2025, gdpGrowth: 0, intensityReduction: 1 }]));
  assert.equal(p.code, 'rate_out_of_range');
  p = problemOf(with_([{ from: 2021, to: 2025, gdpGrowth: [0, 0], intensityReduction: 0 }]));
  assert.deepEqual([p.code, p.path], ['bad_rate_count', ['periods', 0, 'gdpGrowth']]);
  p = problemOf(with_([{ from: 2021, to: 2025, gdpGrowth: 0, intensityReduction: 0, intensityReductionCumulative: 0.1 }]));
  assert.equal(p.code, 'conflicting_fields');
  p = problemOf(with_([{ from: 2021, to: 2025, gdpGrowth: 0 }]));
  assert.deepEqual([p.code, p.path], ['missing_field', ['periods', 0, 'intensityReduction']]);
  p = problemOf({ ...GOLDEN, targets: { intensity: { year: 2025, vsYear: 2015, change: -0.4 } } });
  assert.deepEqual([p.code, p.path], ['unknown_year', ['targets', 'intensity', 'vsYear']]);
  p = problemOf({ ...GOLDEN, monteCarlo: { draws: 10, seed: 1 } });
  assert.equal(p.code, 'no_uncertainty');
});
