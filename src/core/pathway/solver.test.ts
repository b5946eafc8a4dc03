import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileScenario, solve, type CompiledScenario, type ScenarioInput } from './index.js';
import { GOLDEN, oracle } from './test-support/scenarios.js';

function compiled(input: ScenarioInput): CompiledScenario {
  const c = compileScenario(input);
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
}

test('solver: the least uniform shift of r from a year on that meets peak and neutrality targets', () => {
  const c = compiled(oracle({ targets: { peakBy: 2025, neutralBy: 2050 } }));
  const result = solve(c, 2026);
  assert.ok(result.ok);
  const { shift, summary, rates } = result.value;
  assert.ok(shift > 0 && shift < 0.2);
  assert.ok(summary.targets.every((t) => t.met));
  assert.ok(summary.peak_year <= 2025 && (summary.neutral_year as number) <= 2050);
  // Minimal: a slightly smaller shift misses a target.
  const lesser = solve(compiled(oracle({ targets: { peakBy: 2025, neutralBy: 2050 } })), 2026);
  assert.ok(lesser.ok);
  const rerun = compiled(oracle({ targets: { peakBy: 2025, neutralBy: 2050 }, periods: oracle().periods.map((p) => (p.from >= 2026 ? { ...p, intensityReduction: (p.intensityReduction as number) + shift - 1e-6 } : p)) }));
  const unmet = solve(rerun, 2026);
  assert.ok(unmet.ok && unmet.value.shift > 0, 'shift − 1e-6 does not meet the targets on its own');
  // Rates before the year are unchanged, after it shifted.
  assert.deepEqual(rates[0], { from: 2021, to: 2025, intensity_reduction: 0.04, solved_intensity_reduction: 0.04 });
  assert.equal(rates[1]?.solved_intensity_reduction, 0.045 + shift);
});

test('solver: a period straddling the year is split; targets already met give shift 0', () => {
  const c = compiled(oracle({ targets: { peakBy: 2030, neutralBy: 2060 } }));
  const met = solve(c, 2028);
  assert.ok(met.ok);
  assert.equal(met.value.shift, 0);
  assert.deepEqual(met.value.rates.slice(1, 3).map((r) => [r.from, r.to]), [[2026, 2027], [2028, 2030]]);
});

test('solver: infeasible and nothing-to-solve are problems, not throws', () => {
  const rising = compiled({ ...GOLDEN, targets: { peakBy: 2021 }, periods: [{ from: 2021, to: 2022, gdpGrowth: 0.25, intensityReduction: 0 }, { from: 2023, to: 2025, gdpGrowth: 0, intensityReduction: 0 }] });
  const late = solve(rising, 2023); // the rise in 2021–2022 happens before the year
  assert.equal(late.ok, false);
  assert.equal(!late.ok && late.error.code, 'solve_infeasible');
  const none = solve(compiled({ ...GOLDEN, targets: {} }));
  assert.equal(!none.ok && none.error.code, 'nothing_to_solve');
  const year = solve(compiled(GOLDEN), 2020);
  assert.equal(!year.ok && year.error.code, 'unknown_year');
});
