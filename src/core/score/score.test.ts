import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ScoreData, type ScoreParams, type ScoreRun, ahpWeights, runScore } from './index.js';

function data(indicators: string[], values: number[][], years?: number[]): ScoreData {
  return {
    indicators,
    values,
    rows: values.map((_, i) => ({ regionCode: `41${String(i + 1).padStart(2, '0')}00`, regionName: `City ${i + 1}`, year: years?.[i] ?? null, populationPersons: null, gdp10kYuan: null })),
  };
}

function score(run: Partial<ScoreRun> & { data: ScoreData }) {
  const result = runScore({ params: {}, weightMethod: 'entropy', aggregation: 'sum', ...run });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const round = (values: readonly number[], digits = 4) => values.map((v) => Number(v.toFixed(digits)));
const byCode = <T extends { region_code: string }>(rows: T[]) => [...rows].sort((a, b) => a.region_code.localeCompare(b.region_code));

// accounting-planning.md §3.6: forest cover % (+), CO2 per 10k CNY (−), renewable share % (+).
const ORACLE = data(['S11', 'S13', 'S15'], [[40, 1.2, 10], [25, 0.8, 30], [60, 2.0, 10], [10, 1.0, 20]]);

test('oracle §3.6: entropy weights, weighted sums and TOPSIS closeness with their ranks', () => {
  const sum = score({ data: ORACLE });
  assert.deepEqual(round(Object.values(sum.weights)), [0.2722, 0.2085, 0.5193]);
  const s = byCode(sum.regions);
  assert.deepEqual(round(s.map((r) => r.scores.S as number)), [0.3023, 0.8095, 0.2722, 0.4334]);
  assert.deepEqual(s.map((r) => r.rank), [3, 1, 4, 2]);
  const topsis = byCode(score({ data: ORACLE, aggregation: 'topsis' }).regions);
  assert.deepEqual(round(topsis.map((r) => r.closeness as number)), [0.2861, 0.748, 0.3272, 0.4527]);
  assert.deepEqual(topsis.map((r) => r.rank), [4, 1, 3, 2]);
  // The method comparison shows where ranks differ: cities 1 and 3 swap.
  const comparison = byCode(sum.comparison.regions);
  assert.deepEqual(comparison.map((r) => [r.ranks['entropy/sum'], r.ranks['entropy/topsis'], r.differs]), [[3, 4, true], [1, 1, false], [4, 3, true], [2, 2, false]]);
});

test('hand-computed 4 × 3 with a constant column and zero values (docs/score.md)', () => {
  const d = data(['S11', 'S15', 'S31'], [[0, 5, 0], [1, 5, 0], [2, 5, 2], [3, 5, 2]]);
  const r = score({ data: d });
  // z(S11) = 0, 1/3, 2/3, 1 → p = 0, 1/6, 2/6, 3/6; z(S31) = 0, 0, 1, 1 → p = 0, 0, 1/2, 1/2.
  const eA = (Math.log(6) / 6 + Math.log(3) / 3 + Math.log(2) / 2) / Math.log(4);
  const dA = 1 - eA;
  const dC = 1 - Math.log(2) / Math.log(4); // exactly 1/2
  const wA = dA / (dA + dC);
  const wC = dC / (dA + dC);
  assert.ok(Math.abs((r.weights.S11 as number) - wA) < 1e-12);
  assert.equal(r.weights.S15, 0);
  assert.ok(Math.abs((r.weights.S31 as number) - wC) < 1e-12);
  assert.deepEqual(round([wA, wC]), [0.351, 0.649]);
  assert.deepEqual(r.warnings.map((w) => [w.code, w.indicator]), [['constant_indicator', 'S15']]);
  const t = byCode(score({ data: d, aggregation: 'topsis' }).regions).map((x) => x.closeness as number);
  const far = Math.hypot((2 * wA) / 3, wC);
  const expected = [0, wA / 3 / (wA / 3 + far), far / (far + wA / 3), 1];
  t.forEach((c, i) => assert.ok(Math.abs(c - (expected[i] as number)) < 1e-12, `closeness of row ${i + 1}`));
});

test('AHP: the oracle matrix gives w, λmax and CR of §3.6; inconsistency and non-reciprocity are refused', () => {
  const { weights, lambdaMax } = ahpWeights([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]);
  assert.deepEqual(round(weights), [0.6483, 0.2297, 0.122]);
  assert.equal(lambdaMax.toFixed(4), '3.0037');
  const params: ScoreParams = { pairwise: { S1: { items: ['S11', 'S13', 'S15'], matrix: [[1, 3, 5], [1 / 3, 1, 2], [0.2, 0.5, 1]] } } };
  const r = score({ data: ORACLE, params, weightMethod: 'ahp' });
  assert.deepEqual(round(Object.values(r.weights)), [0.6483, 0.2297, 0.122]);
  assert.equal(r.consistency?.[0]?.cr.toFixed(4), '0.0032');
  const inconsistent = runScore({ data: ORACLE, params: { pairwise: { S1: { items: ['S11', 'S13', 'S15'], matrix: [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]] } } }, weightMethod: 'ahp', aggregation: 'sum' });
  assert.equal(!inconsistent.ok && inconsistent.error.code, 'ahp_inconsistent');
  assert.deepEqual(!inconsistent.ok && inconsistent.error.path, ['pairwise', 'S1']);
  const lopsided = runScore({ data: ORACLE, params: { pairwise: { S1: { items: ['S11', 'S13', 'S15'], matrix: [[1, 3, 5], [3, 1, 2], [0.2, 0.5, 1]] } } }, weightMethod: 'ahp', aggregation: 'sum' });
  assert.equal(!lopsided.ok && lopsided.error.code, 'ahp_not_reciprocal');
  assert.deepEqual(!lopsided.ok && lopsided.error.path, ['pairwise', 'S1', 'matrix', 1, 0]);
});

test('hierarchical AHP: global weight = group weight × local weight; combined mixes the methods', () => {
  const d = data(['S11', 'S12', 'S21'], [[1, 4, 2], [2, 3, 1], [3, 1, 3]]);
  const params: ScoreParams = {
    pairwise: { S: { items: ['S1', 'S2'], matrix: [[1, 3], [1 / 3, 1]] }, S1: { items: ['S12', 'S11'], matrix: [[1, 1], [1, 1]] } },
    weights: { S11: 0.2, S12: 0.2, S21: 0.6 },
    combined: { ahp: 1, fixed: 1 },
  };
  const ahp = score({ data: d, params, weightMethod: 'ahp' });
  assert.deepEqual(round(Object.values(ahp.weights), 6), [0.375, 0.375, 0.25]);
  assert.deepEqual(round(Object.values(ahp.group_weights), 6), [0.75, 0.25]);
  const combined = score({ data: d, params, weightMethod: 'combined' });
  assert.deepEqual(round(Object.values(combined.weights), 6), [0.2875, 0.2875, 0.425]);
  assert.deepEqual(combined.comparison.methods, ['entropy/sum', 'entropy/topsis', 'ahp/sum', 'ahp/topsis', 'fixed/sum', 'fixed/topsis', 'combined/sum', 'combined/topsis']);
  // Group scores: S1 = weighted mean of its z, S = Σ w z.
  const first = byCode(combined.regions)[0];
  assert.equal(first?.scores.S1, 0.5 * 0 + 0.5 * 0);
  assert.equal(round([first?.scores.S as number])[0], round([0.425 * 0.5])[0]);
});

test('bad params: a missing indicator, an unknown one, a missing matrix, a missing polarity', () => {
  const problem = (params: ScoreParams, method: ScoreRun['weightMethod'] = 'fixed', d = ORACLE) => {
    const r = runScore({ data: d, params, weightMethod: method, aggregation: 'sum' });
    assert.equal(r.ok, false);
    return !r.ok ? [r.error.code, r.error.path] : [];
  };
  assert.deepEqual(problem({ weights: { S11: 0.5, S13: 0.5 } }), ['missing_indicator', ['weights']]);
  assert.deepEqual(problem({ polarity: { S99: '+' } }, 'entropy'), ['unknown_indicator', ['polarity', 'S99']]);
  assert.deepEqual(problem({}, 'ahp'), ['missing_param', ['pairwise']]);
  assert.deepEqual(problem({ pairwise: { S1: { items: ['S11', 'S13'], matrix: [[1, 2], [0.5, 1]] } } }, 'ahp'), ['missing_indicator', ['pairwise', 'S1', 'items']]);
  assert.deepEqual(problem({}, 'entropy', data(['S11', 'S99'], [[1, 2], [2, 1]])), ['missing_param', ['polarity', 'S99']]);
  assert.deepEqual(problem({}, 'entropy', data(['S11', 'S12'], [[1, 2], [1, 2]])), ['all_constant', null]);
  assert.deepEqual(problem({}, 'entropy', data(['S11', 'S12'], [[1, 2]])), ['too_few_rows', null]);
  assert.deepEqual(problem({ normalisation: { S11: 'z-score' } }, 'entropy'), ['entropy_negative', ['normalisation', 'S11']]);
  assert.deepEqual(problem({ policy: { year: 2020, treated: ['410100'] } }, 'entropy'), ['policy_needs_panel', ['policy']]);
});

test('panel: pooled normalisation, ranks per year, difference in differences with counts', () => {
  // Two regions treated (410100, 410200), two control, policy from 2021.
  const values = [[1], [2], [3], [4], [3], [5], [4], [5]];
  const years = [2020, 2020, 2020, 2020, 2021, 2021, 2021, 2021];
  const d: ScoreData = { ...data(['S11'], values, years), rows: values.map((_, i) => ({ regionCode: `41${String((i % 4) + 1).padStart(2, '0')}00`, regionName: `City ${(i % 4) + 1}`, year: years[i] as number, populationPersons: null, gdp10kYuan: null })) };
  const r = score({ data: d, params: { policy: { year: 2021, treated: ['410100', '410200'] } } });
  // Pooled min-max over 1…5: z = (x − 1) / 4.
  assert.deepEqual(r.regions.filter((x) => x.year === 2021).map((x) => [x.region_code, x.scores.S, x.rank]), [['410200', 1, 1], ['410400', 1, 1], ['410300', 0.75, 3], ['410100', 0.5, 4]]);
  const s11 = r.policy?.find((p) => p.indicator === 'S11');
  // treated: before (1 + 2) / 2 = 1.5, after (3 + 5) / 2 = 4; control: before 3.5, after 4.5 → did = 2.5 − 1 = 1.5.
  assert.deepEqual(s11, { indicator: 'S11', treated_before: 1.5, treated_after: 4, control_before: 3.5, control_after: 4.5, did: 1.5, counts: { treated_before: 2, treated_after: 2, control_before: 2, control_after: 2 } });
  assert.deepEqual(r.policy?.map((p) => p.indicator), ['S11', 'S1', 'S']);
});

test('per-capita and per-GDP views divide the quantity indicators only', () => {
  const base = data(['S11', 'S15'], [[100, 0.1], [300, 0.1], [200, 0.1]]);
  const d: ScoreData = { ...base, rows: base.rows.map((row, i) => ({ ...row, populationPersons: [10, 100, 20][i] as number, gdp10kYuan: [1, 1, 1][i] as number })) };
  const r = score({ data: d, params: { perCapita: ['S11'] } });
  const perCapita = byCode(r.views?.per_capita?.regions ?? []);
  assert.deepEqual(byCode(r.regions).map((x) => x.rank), [3, 1, 2]);
  // Per capita S11 = 10, 3, 10: city 2 ranks last although it has the largest sink.
  assert.deepEqual(perCapita.map((x) => x.rank), [1, 3, 1]);
  assert.ok(r.views?.per_gdp !== undefined);
  const skipped = score({ data: base, params: { perCapita: ['S11'] } });
  assert.deepEqual(skipped.warnings.map((w) => w.code), ['constant_indicator', 'view_skipped', 'view_skipped']);
});

test('property: weights are non-negative and sum to 1; scores lie in [0, 1]', () => {
  const matrix = fc.integer({ min: 2, max: 12 }).chain((m) => fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 4, maxLength: 4 }), { minLength: m, maxLength: m }));
  fc.assert(
    fc.property(matrix, fc.constantFrom('sum' as const, 'topsis' as const), (values, aggregation) => {
      const d = data(['S11', 'S12', 'S21', 'S31'], values);
      const r = runScore({ data: d, params: {}, weightMethod: 'entropy', aggregation });
      if (!r.ok) {
        assert.equal(r.error.code, 'all_constant');
        return;
      }
      const weights = Object.values(r.value.weights);
      assert.ok(weights.every((w) => w >= 0));
      assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-12);
      for (const region of r.value.regions) {
        assert.ok((region.scores.S as number) >= -1e-12 && (region.scores.S as number) <= 1 + 1e-12);
        if (region.closeness !== undefined) assert.ok(region.closeness >= 0 && region.closeness <= 1);
      }
    }),
    { numRuns: 300 },
  );
});
