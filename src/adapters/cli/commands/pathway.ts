/** `neutral pathway`: scenarios to 2060 side by side, with solver and Monte Carlo (planning.md §1). */
import { Option } from 'commander';
import { compileScenario, runCompiled, solve, yearRows } from '../../../core/pathway/index.js';
import { type ScenarioOutput, renderCsv, renderJson, renderText } from '../../pathway/render.js';
import { readScenarioFile, scenarioProblem } from '../../pathway/scenario-file.js';
import type { Problem } from '../../problems.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';

const FORMATS = ['table', 'json', 'csv'] as const;

interface PathwayOptions {
  scenario: string[];
  format: (typeof FORMATS)[number];
  solve?: string | true;
  out?: string;
}

export const registerPathway: CommandRegistrar = (program, io, finish) => {
  program
    .command('pathway')
    .description('pathways to 2060: peak, plateau, neutrality, targets, solver, Monte Carlo, disaggregation')
    .requiredOption('--scenario <file>', 'scenario file (JSON, contracts.md §5); repeat to compare scenarios side by side', (value: string, previous: string[]) => [...previous, value], [])
    .option('--solve [year]', 'find the least uniform rise of the intensity-reduction rates from YEAR on (default: the first projected year) that meets the targets')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (options: PathwayOptions) => finish(await pathway(options, io)));
};

export async function pathway(options: PathwayOptions, io: CliIo): Promise<number> {
  // The collector's [] default satisfies commander's requiredOption, so check here.
  if (options.scenario.length === 0) return reportProblems(io, [{ code: 'bad_flag', message: 'give at least one --scenario FILE' }]);
  let solveFrom: number | undefined;
  if (typeof options.solve === 'string') {
    if (!/^\d{4}$/.test(options.solve)) return reportProblems(io, [{ code: 'bad_flag', message: `--solve expects a year such as 2026, found "${options.solve}"` }]);
    solveFrom = Number(options.solve);
  }
  const problems: Problem[] = [];
  const outputs: ScenarioOutput[] = [];
  for (const file of options.scenario) {
    const read = await readScenarioFile(file);
    if (!read.ok) {
      problems.push(...read.error);
      continue;
    }
    const compiled = compileScenario(read.value);
    if (!compiled.ok) {
      problems.push(scenarioProblem(file, compiled.error));
      continue;
    }
    const run = runCompiled(compiled.value);
    if (!run.ok) {
      problems.push(scenarioProblem(file, run.error));
      continue;
    }
    const output: ScenarioOutput = run.value;
    if (options.solve !== undefined) {
      const solved = solve(compiled.value, solveFrom ?? compiled.value.baseYear + 1);
      if (!solved.ok) {
        problems.push(solved.error.code === 'unknown_year' ? { code: 'bad_flag', message: `--solve: ${solved.error.message}` } : { code: solved.error.code, file, path: '$.targets', message: solved.error.message });
        continue;
      }
      const { path, ...rest } = solved.value;
      output.solve = { ...rest, years: yearRows(compiled.value, path) };
    }
    outputs.push(output);
  }
  if (problems.length > 0) return reportProblems(io, problems);
  const content = options.format === 'json' ? renderJson(outputs) : options.format === 'csv' ? renderCsv(outputs) : renderText(outputs);
  await emit(io, options.out, content);
  return 0;
}
