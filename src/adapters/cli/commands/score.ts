/** `neutral score`: the city carbon-neutrality score (planning.md §2, contracts.md §6). */
import { Option } from 'commander';
import { AGGREGATIONS, type Aggregation, WEIGHT_METHODS, type WeightMethod, runScore } from '../../../core/score/index.js';
import { loadScoreInputs } from '../../score/load.js';
import { scoreProblem } from '../../score/params-file.js';
import { renderCsv, renderJson, renderText } from '../../score/render.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';

const FORMATS = ['table', 'json', 'csv'] as const;

interface ScoreOptions {
  data: string;
  params?: string;
  weights: WeightMethod;
  method: Aggregation;
  accounting?: string;
  market?: string;
  enterprises?: string;
  format: (typeof FORMATS)[number];
  out?: string;
}

export const registerScore: CommandRegistrar = (program, io, finish) => {
  program
    .command('score')
    .description('city carbon-neutrality score: entropy/AHP/fixed/combined weights, weighted sum or TOPSIS, method comparison, policy assessment')
    .requiredOption('--data <file>', 'score table (CSV, XLSX or JSON): region_code, region_name, [year, population, gdp_10k_yuan], S11 … S33')
    .option('--params <file>', 'params (JSON): polarity, groups, weights, pairwise, combined, policy, perCapita')
    .addOption(new Option('--weights <method>', 'weighting method').choices(WEIGHT_METHODS).default('entropy'))
    .addOption(new Option('--method <method>', 'aggregation for the ranking').choices(AGGREGATIONS).default('sum'))
    .option('--accounting <file>', 'accounting results (neutral account --format json): fill S11–S16')
    .option('--market <file>', 'market data table: fill S21–S25 (docs/score.md)')
    .option('--enterprises <file>', 'verified enterprise emissions per city (neutral compliance report --table cities): fill S12')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (options: ScoreOptions) => finish(await score(options, io)));
};

export async function score(options: ScoreOptions, io: CliIo): Promise<number> {
  const loaded = await loadScoreInputs({ data: options.data, params: options.params, accounting: options.accounting, market: options.market, enterprises: options.enterprises });
  if (!loaded.ok) return reportProblems(io, loaded.error);
  const { data, params, warnings, sources } = loaded.value;
  const run = runScore({ data, params, weightMethod: options.weights, aggregation: options.method });
  if (!run.ok) return reportProblems(io, [scoreProblem(run.error, { params: options.params, data: options.data })]);
  const doc = { ...run.value, warnings: [...warnings, ...run.value.warnings], sources };
  const content = options.format === 'json' ? renderJson(doc) : options.format === 'csv' ? renderCsv(doc) : renderText(doc);
  await emit(io, options.out, content);
  return 0;
}
