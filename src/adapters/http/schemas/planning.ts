/**
 * Pathway (contracts.md §5) and score (contracts.md §6) requests and responses. The request
 * schemas are the CLI's file schemas; responses list the contract's fields and pass the
 * method detail (tornado, disaggregation, indicator tables) through.
 */
import { z } from 'zod';
import { AGGREGATIONS, WEIGHT_METHODS } from '../../../core/score/index.js';
import { scenarioSchema } from '../../pathway/scenario-file.js';
import { scoreParamsSchema } from '../../score/params-file.js';
import { tableUploadSchema } from './tables.js';

const year = z.number().int().min(1900).max(2200);

/** Monte Carlo draws per scenario over HTTP: a request stays a few seconds of work (the CLI allows 10 million). */
export const MAX_HTTP_DRAWS = 100_000;

const httpScenarioSchema = scenarioSchema.extend({
  monteCarlo: z.strictObject({
    draws: z.number().int().min(0).max(MAX_HTTP_DRAWS),
    seed: z.number().int().min(0).max(2 ** 32 - 1),
  }).exactOptional(),
});

export const pathwayRunSchema = z.strictObject({
  scenarios: z.array(httpScenarioSchema).min(1).max(8).describe('scenarios (contracts.md §5), computed side by side'),
  solve: z.strictObject({ from: year.optional().describe('first year whose rates may rise (default: the first projected year)') }).optional()
    .describe('find the least uniform rise of the intensity-reduction rates that meets the targets'),
});

const yearRowSchema = z.looseObject({
  year: z.number().int(), gdp: z.number(), intensity: z.number(), emissions_t: z.number(), sinks_t: z.number(), removals_t: z.number(),
  balance_ratio: z.number(), non_fossil_share: z.number().nullable().optional(),
});

const pathwayOutputSchema = z.looseObject({
  name: z.string(),
  years: z.array(yearRowSchema),
  summary: z.looseObject({
    peak_year: z.number().int(), peak_emissions_t: z.number(), plateau: z.boolean(), plateau_years: z.array(z.number().int()),
    peak_at_boundary: z.boolean(), neutral_year: z.number().int().nullable(), stays_neutral: z.boolean(),
    targets: z.array(z.looseObject({ name: z.string(), met: z.boolean(), value: z.number().nullable() })),
  }),
  monteCarlo: z.looseObject({
    p_peak_by_target: z.number(), p_neutral_by_target: z.number(),
    bands: z.array(z.object({ year: z.number().int(), p10: z.number(), p50: z.number(), p90: z.number() })),
  }).optional(),
  solve: z.looseObject({ years: z.array(yearRowSchema) }).optional(),
});

export const pathwayResponseSchema = z.object({ scenarios: z.array(pathwayOutputSchema) }).describe('one contracts.md §5 output per scenario, in request order');

export const scoreRunSchema = z.strictObject({
  data: tableUploadSchema.describe('score table (contracts.md §6): region_code, region_name, [year, population, gdp_10k_yuan], S11 … S33'),
  params: scoreParamsSchema.optional().describe('polarity, groups, weights, pairwise, combined, policy, perCapita'),
  weights: z.enum(WEIGHT_METHODS).default('entropy'),
  method: z.enum(AGGREGATIONS).default('sum'),
  accounting: z.looseObject({}).optional().describe('an accounting result document (contracts.md §4) to fill S11–S16'),
  market: tableUploadSchema.optional().describe('market data table to fill S21–S25 (docs/score.md)'),
});

export const scoreResponseSchema = z.looseObject({
  weights: z.record(z.string(), z.number()),
  regions: z.array(z.looseObject({
    region_code: z.string(), year: z.number().int().optional(), scores: z.record(z.string(), z.number().nullable()),
    closeness: z.number().optional(), rank: z.number().int(),
  })),
  policy: z.array(z.looseObject({ indicator: z.string(), did: z.number().nullable() })).optional(),
  warnings: z.array(z.looseObject({ code: z.string(), message: z.string() })),
  weight_method: z.enum(WEIGHT_METHODS).describe('how the weights were found'),
  method: z.enum(AGGREGATIONS).describe('the ranking the scores, closeness and ranks come from'),
}).describe('contracts.md §6 JSON output, the method detail after the contract fields');
