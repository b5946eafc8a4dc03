/**
 * The score params file (contracts.md §6), validated with zod: unknown fields are errors naming
 * their JSON path; rules between the params and the data are the core's (runScore).
 */
import { z } from 'zod';
import { NORMALISATIONS, type ScoreParams, type ScoreProblem } from '../../core/score/index.js';
import { type Result, ok, err } from '../../core/result.js';
import { readJson } from '../files.js';
import type { Problem } from '../problems.js';
import { jsonPath, zodProblems } from '../tables/params.js';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nonNegative = finite.refine((v) => v >= 0, 'expected a number ≥ 0');
const positive = finite.refine((v) => v > 0, 'expected a number > 0 (Saaty scale 1/9 … 9)');
const code = z.string().min(1);

export const scoreParamsSchema = z.strictObject({
  polarity: z.record(code, z.enum(['+', '-'])).exactOptional(),
  normalisation: z.record(code, z.enum(NORMALISATIONS)).exactOptional(),
  groups: z.record(code, z.array(code).min(1)).exactOptional(),
  weights: z.record(code, nonNegative).exactOptional(),
  pairwise: z.record(code, z.strictObject({ items: z.array(code).min(1), matrix: z.array(z.array(positive)) })).exactOptional(),
  combined: z.strictObject({ entropy: nonNegative.exactOptional(), ahp: nonNegative.exactOptional(), fixed: nonNegative.exactOptional() }).exactOptional(),
  policy: z.strictObject({ year: z.number().int().min(1900).max(2200), treated: z.array(code).min(1) }).exactOptional(),
  perCapita: z.array(code).exactOptional(),
});

export async function readScoreParams(file: string): Promise<Result<ScoreParams, Problem[]>> {
  const data = await readJson(file);
  return data.ok ? parseScoreParams(file, data.value) : err([data.error]);
}

/** Params already parsed from JSON (a file's or a request body's). */
export function parseScoreParams(file: string, data: unknown): Result<ScoreParams, Problem[]> {
  const parsed = scoreParamsSchema.safeParse(data);
  if (!parsed.success) return err(zodProblems(file, parsed.error));
  const params: ScoreParams = parsed.data;
  return ok(params);
}

/** A core problem: in the params file at its path, or in the data file. */
export function scoreProblem(problem: ScoreProblem, files: { params?: string | undefined; data: string }): Problem {
  if (problem.path !== null) {
    if (files.params !== undefined) return { code: problem.code, file: files.params, path: jsonPath(problem.path), message: problem.message };
    return { code: problem.code, message: `${problem.message} (give it in a --params file at ${jsonPath(problem.path)})` };
  }
  return { code: problem.code, file: files.data, message: problem.message };
}
