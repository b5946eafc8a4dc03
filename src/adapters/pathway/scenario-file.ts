/**
 * The scenario file (contracts.md §5), validated with zod: unknown fields and bad values are
 * errors naming their JSON path; rules between fields are the core's (compileScenario).
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { ScenarioInput, ScenarioProblem } from '../../core/pathway/index.js';
import { type Result, ok, err } from '../../core/result.js';
import { parseJsonText, readText } from '../files.js';
import type { Problem } from '../problems.js';
import { jsonPath, zodProblems } from '../tables/params.js';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const positive = finite.refine((v) => v > 0, 'expected a number > 0');
const nonNegative = finite.refine((v) => v >= 0, 'expected a number ≥ 0');
const share = finite.refine((v) => v >= 0 && v <= 1, 'expected a share in [0, 1]');
const year = z.number().int('expected a whole year').min(1900).max(2200);
const yearKey = z.string().regex(/^\d{4}$/, 'expected a four-digit year as the key');
const rate = z.union([finite, z.array(finite).min(1)]);
const text = z.string().min(1);

const period = z.strictObject({
  from: year,
  to: year,
  gdpGrowth: rate,
  intensityReduction: rate.exactOptional(),
  intensityReductionCumulative: finite.exactOptional(),
  sinkGrowth: rate.exactOptional(),
  shockGroup: text.exactOptional(),
  note: z.string().exactOptional(),
});

const distribution = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('triangular'), min: finite, mode: finite, max: finite }),
  z.strictObject({ dist: z.literal('normal'), sd: nonNegative, mean: finite.exactOptional() }),
]);

const basis = z.enum(['emissions', 'population', 'gdp', 'ecc', 'fixed']);
const disaggregation = z.strictObject({
  cities: z.strictObject({
    weights: z.union([basis, z.strictObject({ emissions: nonNegative.exactOptional(), population: nonNegative.exactOptional(), gdp: nonNegative.exactOptional(), ecc: nonNegative.exactOptional() })]),
    regions: z.array(z.strictObject({
      regionCode: text,
      regionName: text,
      emissionsT: nonNegative.exactOptional(),
      population: nonNegative.exactOptional(),
      gdp: nonNegative.exactOptional(),
      ecc: nonNegative.exactOptional(),
      weight: nonNegative.exactOptional(),
    })).min(1),
  }).exactOptional(),
  sectors: z.strictObject({
    baseShares: z.record(text, share),
    targetShares: z.record(text, share).exactOptional(),
    targetYear: year.exactOptional(),
  }).exactOptional(),
});

export const scenarioSchema = z.strictObject({
  name: text.exactOptional(),
  description: z.string().exactOptional(),
  baseYear: year,
  endYear: year,
  emissionsT: positive,
  gdp: positive,
  gdpUnit: z.string().exactOptional(),
  sinksT: finite.exactOptional(),
  sinkNote: z.string().exactOptional(),
  sinkLandUse: z.strictObject({
    coefficientsTPerHm2: z.record(text, finite),
    areasHm2: z.record(yearKey, z.record(text, nonNegative)),
    note: z.string().exactOptional(),
  }).exactOptional(),
  sinkAssumptions: z.array(z.strictObject({ name: text, sinksT: finite, sinkGrowth: finite.refine((v) => v > -1, 'expected a rate > −1').exactOptional(), note: z.string().exactOptional() })).exactOptional(),
  periods: z.array(period).min(1),
  removalsT: z.record(yearKey, nonNegative).exactOptional(),
  energyMix: z.strictObject({ nonFossilShare: z.record(yearKey, share), note: z.string().exactOptional() }).exactOptional(),
  history: z.array(z.strictObject({ year, emissionsT: positive, gdp: positive, note: z.string().exactOptional() })).exactOptional(),
  targets: z.strictObject({
    peakBy: year.exactOptional(),
    neutralBy: year.exactOptional(),
    intensity: z.strictObject({ year, vsYear: year, change: finite }).exactOptional(),
    vsPeak: z.strictObject({ year, change: finite }).exactOptional(),
    nonFossilShare: z.strictObject({ year, min: share }).exactOptional(),
  }).exactOptional(),
  plateauTolerance: finite.refine((v) => v >= 0 && v < 1, 'expected a fraction in [0, 1)').exactOptional(),
  uncertainty: z.strictObject({ gdpGrowth: distribution.exactOptional(), intensityReduction: distribution.exactOptional(), sinkGrowth: distribution.exactOptional() }).exactOptional(),
  monteCarlo: z.strictObject({ draws: z.number().int().min(0).max(10_000_000), seed: z.number().int().min(0).max(2 ** 32 - 1) }).exactOptional(),
  compare: z.strictObject({ label: text, emissionsT: z.record(yearKey, positive) }).exactOptional(),
  disaggregation: disaggregation.exactOptional(),
});

/** Problem codes of the core, all present in the problem table. */
export function scenarioProblem(file: string, problem: ScenarioProblem): Problem {
  return { code: problem.code, file, path: jsonPath(problem.path), message: problem.message };
}

export function parseScenarioText(file: string, text: string): Result<ScenarioInput, Problem[]> {
  const data = parseJsonText(file, text);
  if (!data.ok) return err([data.error]);
  const parsed = scenarioSchema.safeParse(data.value);
  if (!parsed.success) return err(zodProblems(file, parsed.error));
  const name = parsed.data.name ?? basename(file).replace(/\.json$/i, '');
  const scenario: ScenarioInput = { ...parsed.data, name };
  return ok(scenario);
}

export async function readScenarioFile(file: string): Promise<Result<ScenarioInput, Problem[]>> {
  const text = await readText(file);
  return text.ok ? parseScenarioText(file, text.value) : err([text.error]);
}
