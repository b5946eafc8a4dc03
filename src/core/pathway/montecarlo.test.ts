import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Xoshiro128, compileScenario, monteCarlo, quantileSorted, runPathway, standardNormal, tornado, type CompiledScenario, type ScenarioInput } from './index.js';
import { GOLDEN, oracle } from './test-support/scenarios.js';

function compiled(input: ScenarioInput): CompiledScenario {
  const c = compileScenario(input);
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
}

test('xoshiro128** seeded by splitmix32 matches the reference C implementation', () => {
  // Vectors from Vigna's xoshiro128starstar.c with the state filled by four splitmix32 outputs.
  const one = new Xoshiro128(1);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => one.nextUint32()), [393288148, 2174103013, 3814759091, 2092745082, 1865176206, 2179171167]);
  const zero = new Xoshiro128(0);
  assert.deepEqual([1, 2, 3].map(() => zero.nextUint32()), [1789933344, 44971166, 2521387044]);
  assert.throws(() => new Xoshiro128(-1));
  assert.throws(() => new Xoshiro128(2 ** 32));
});

test('Box–Muller normals: two uniforms each, mean ≈ 0 and sd ≈ 1', () => {
  const rng = new Xoshiro128(7);
  const copy = new Xoshiro128(7);
  const z = standardNormal(rng);
  const u1 = copy.nextUniform();
  const u2 = copy.nextUniform();
  assert.equal(z, Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
  let sum = 0;
  let squares = 0;
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    const x = standardNormal(rng);
    sum += x;
    squares += x * x;
  }
  assert.ok(Math.abs(sum / n) < 0.02);
  assert.ok(Math.abs(Math.sqrt(squares / n) - 1) < 0.02);
});

test('type-7 percentiles interpolate between order statistics', () => {
  const sorted = [1, 2, 3, 4, 10];
  assert.equal(quantileSorted(sorted, 0.5), 3);
  assert.ok(Math.abs((quantileSorted(sorted, 0.9) as number) - 7.6) < 1e-12);
  assert.ok(Math.abs((quantileSorted(sorted, 0.1) as number) - 1.4) < 1e-12);
  assert.equal(quantileSorted([2024, Infinity], 0.9), null);
  assert.equal(quantileSorted([2024, Infinity], 0), 2024);
});

const uncertain = oracle({
  uncertainty: { gdpGrowth: { dist: 'normal', sd: 0.005 }, intensityReduction: { dist: 'normal', sd: 0.01 } },
  monteCarlo: { draws: 10_000, seed: 1 },
});

test('Monte Carlo is reproducible for a seed and near the oracle of §5.5', () => {
  const a = runPathway(uncertain);
  const b = runPathway(uncertain);
  assert.ok(a.ok && b.ok);
  assert.deepEqual(a.value.monteCarlo, b.value.monteCarlo);
  const mc = a.value.monteCarlo;
  assert.ok(mc !== undefined);
  // Pinned for seed 1 (the generator is specified bit for bit); §5.5 measured 0.976 with another generator.
  assert.equal(mc.p_peak_by_target, 0.9751);
  assert.equal(mc.p_neutral_by_target, 1);
  assert.deepEqual(mc.peak_year, { p10: 2025, p50: 2030, p90: 2030 });
  assert.equal(mc.bands.length, 41);
  assert.deepEqual(mc.bands[0], { year: 2020, p10: 100e6, p50: 100e6, p90: 100e6 });
  for (const band of mc.bands) assert.ok(band.p10 <= band.p50 && band.p50 <= band.p90);
  const other = runPathway({ ...uncertain, monteCarlo: { draws: 10_000, seed: 2 } });
  assert.ok(other.ok);
  assert.notDeepEqual(other.value.monteCarlo?.bands, mc.bands);
});

test('draw order: period order then term order; a shock group takes one draw per term', () => {
  const c = compiled(uncertain);
  assert.deepEqual(c.slots.slice(0, 4).map((s) => `${s.label} ${s.term}`), ['2021–2025 gdpGrowth', '2021–2025 intensityReduction', '2026–2030 gdpGrowth', '2026–2030 intensityReduction']);
  const grouped = compiled({ ...uncertain, periods: uncertain.periods.map((p, i) => (i < 2 ? { ...p, shockGroup: 'near' } : p)) });
  assert.equal(grouped.slots.length, c.slots.length - 2);
  assert.deepEqual(grouped.slots[0]?.indices, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // One draw, all years of the group move together: with a triangular shock of exactly +1 pp on g.
  const fixed = compiled({ ...GOLDEN, periods: GOLDEN.periods.map((p) => ({ ...p, shockGroup: 'all' })), uncertainty: { gdpGrowth: { dist: 'triangular', min: 0.01, mode: 0.01, max: 0.01 } }, monteCarlo: { draws: 3, seed: 9 } });
  const mc = monteCarlo(fixed, 3, 9);
  assert.equal(mc.bands[2]?.p50, 100 * 1.26 * 1.26);
});

test('shocked rates are clamped to (−1, 1)', () => {
  const c = compiled({ ...GOLDEN, uncertainty: { intensityReduction: { dist: 'triangular', min: 5, mode: 5, max: 5 } }, monteCarlo: { draws: 2, seed: 1 } });
  const mc = monteCarlo(c, 2, 1);
  assert.ok((mc.bands[5]?.p50 as number) > 0, 'intensity stays positive');
  assert.ok((mc.bands[5]?.p50 as number) < 1e-30);
});

test('tornado: ±1 pp on each uncertain rate, largest swing first', () => {
  const t = tornado(compiled(uncertain));
  assert.equal(t.year, 2060);
  assert.equal(t.step, 0.01);
  assert.equal(t.bars.length, 12);
  for (let i = 1; i < t.bars.length; i++) assert.ok((t.bars[i - 1]?.swing_t as number) >= (t.bars[i]?.swing_t as number));
  const top = t.bars[0];
  assert.equal(top?.term, 'intensityReduction');
  assert.ok((top?.low.emissions_t as number) > t.base.emissions_t && (top?.high.emissions_t as number) < t.base.emissions_t);
  assert.equal(top?.swing_t, Math.abs((top?.high.net_emissions_t as number) - (top?.low.net_emissions_t as number)));
});

test('selection percentiles equal the sorted type-7 rule', async () => {
  const { quantilesInPlace } = await import('./index.js');
  const rng = new Xoshiro128(3);
  for (const n of [1, 2, 3, 10, 101, 1000]) {
    const values = Float64Array.from({ length: n }, () => Math.floor(rng.nextUniform() * 20));
    const sorted = Float64Array.from(values).sort();
    const expected = [0.1, 0.5, 0.9].map((p) => quantileSorted(sorted, p));
    assert.deepEqual(quantilesInPlace(values, [0.1, 0.5, 0.9]), expected);
  }
});
