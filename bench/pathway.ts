/**
 * `npm run bench -- pathway [draws]`: Monte Carlo over g, r and sink growth, 100,000 draws ×
 * 40 years (2020 → 2060, eight periods, three uncertain terms: 24 draws of the generator per
 * path), percentiles included. Goal < 1 s; ratio = goal / measured (> 1 beats the goal).
 */
import { compileScenario, monteCarlo, type ScenarioInput } from '../src/core/pathway/index.js';

const GOAL_S = 1;

const SCENARIO: ScenarioInput = {
  name: 'bench',
  baseYear: 2020,
  endYear: 2060,
  emissionsT: 5.5e8,
  gdp: 5500,
  sinksT: 4.7e7,
  periods: [
    [2021, 2025, 0.06, 0.04], [2026, 2030, 0.05, 0.046], [2031, 2035, 0.042, 0.064], [2036, 2040, 0.035, 0.083],
    [2041, 2045, 0.03, 0.103], [2046, 2050, 0.03, 0.124], [2051, 2055, 0.028, 0.146], [2056, 2060, 0.025, 0.165],
  ].map(([from, to, g, r]) => ({ from: from as number, to: to as number, gdpGrowth: g as number, intensityReduction: r as number, sinkGrowth: 0.01 })),
  targets: { peakBy: 2030, neutralBy: 2060 },
  uncertainty: {
    gdpGrowth: { dist: 'normal', sd: 0.005 },
    intensityReduction: { dist: 'normal', sd: 0.01 },
    sinkGrowth: { dist: 'triangular', min: -0.01, mode: 0, max: 0.01 },
  },
};

export async function main(args: string[]): Promise<void> {
  const draws = args[0] === undefined ? 100_000 : Number(args[0]);
  const compiled = compileScenario(SCENARIO);
  if (!compiled.ok) throw new Error(compiled.error.message);
  monteCarlo(compiled.value, 2_000, 1); // warm-up: let the JIT compile the inner loop
  const runs: number[] = [];
  let last: ReturnType<typeof monteCarlo> | undefined;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    last = monteCarlo(compiled.value, draws, 1);
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  const seconds = Math.min(...runs);
  console.log(`runs: ${runs.map((s) => s.toFixed(3)).join(' s, ')} s (best of 3); ${compiled.value.years.length - 1} years, ${compiled.value.slots.length} draws of the generator per path`);
  console.log(`P(peak by 2030) = ${last?.p_peak_by_target.toFixed(4)}, P(neutral by 2060) = ${last?.p_neutral_by_target.toFixed(4)}`);
  console.log(`pathway: ${draws} draws in ${seconds.toFixed(3)} s, goal ${GOAL_S} s, ratio ${(GOAL_S / seconds).toFixed(2)}`);
}
