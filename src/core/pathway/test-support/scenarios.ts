/** Scenarios shared by the pathway tests. */
import type { PeriodInput, ScenarioInput } from '../types.js';

/**
 * Hand-computed golden case (docs/pathway.md): E 100 → 125 → 156.25 (peak, 2022) → 78.125 →
 * 39.0625 → 19.53125; sinks 50, so B = 1.28 in 2024 (neutral) and 2.56 in 2025.
 */
export const GOLDEN: ScenarioInput = {
  name: 'golden',
  baseYear: 2020,
  endYear: 2025,
  emissionsT: 100,
  gdp: 100,
  sinksT: 50,
  periods: [
    { from: 2021, to: 2022, gdpGrowth: 0.25, intensityReduction: 0 },
    { from: 2023, to: 2025, gdpGrowth: 0, intensityReduction: 0.5 },
  ],
  targets: { peakBy: 2022, neutralBy: 2024 },
};

/** The worked example of accounting-planning.md §5.5 (test oracle). */
export function oracle(extra: Partial<ScenarioInput> = {}): ScenarioInput {
  const rows: [number, number, number, number][] = [
    [2021, 2025, 0.055, 0.04], [2026, 2030, 0.048, 0.045], [2031, 2035, 0.042, 0.06],
    [2036, 2040, 0.038, 0.075], [2041, 2050, 0.032, 0.1], [2051, 2060, 0.025, 0.15],
  ];
  const periods: PeriodInput[] = rows.map(([from, to, g, r]) => ({ from, to, gdpGrowth: g, intensityReduction: r, sinkGrowth: 0.02 }));
  return { name: 'oracle', baseYear: 2020, endYear: 2060, emissionsT: 100e6, gdp: 100, sinksT: 10e6, periods, targets: { peakBy: 2030, neutralBy: 2060 }, ...extra };
}
