/** Pathway runs (contracts.md §5) and score runs (contracts.md §6): the CLI's steps on a request body. */
import { compileScenario, runCompiled, solve, yearRows } from '../../../core/pathway/index.js';
import { runScore } from '../../../core/score/index.js';
import { type Result, ok, err } from '../../../core/result.js';
import type { ScenarioOutput } from '../../pathway/render.js';
import { scoreProblem } from '../../score/params-file.js';
import { loadScoreInputs } from '../../score/load.js';
import { type ApiProblem, fromProblem } from '../errors.js';
import { jsonPath } from '../../tables/params.js';
import { type AnyRoute, type Reply, defineRoute, jsonBody } from '../route.js';
import { pathwayResponseSchema, pathwayRunSchema, scoreResponseSchema, scoreRunSchema } from '../schemas/planning.js';
import { uploadedTable } from '../schemas/tables.js';

export const planningRoutes: readonly AnyRoute[] = [
  defineRoute({
    method: 'POST', path: '/pathway/runs', operationId: 'runPathway', tags: ['pathway'], roles: ['planner'],
    summary: 'Project scenarios to 2060: peak, plateau, neutrality, targets, Monte Carlo, optional solver',
    body: jsonBody(pathwayRunSchema),
    response: { contentType: 'application/json', schema: pathwayResponseSchema },
    handler: async ({ body }): Promise<Result<Reply, ApiProblem[]>> => {
      const problems: ApiProblem[] = [];
      const outputs: ScenarioOutput[] = [];
      for (const [index, input] of body.scenarios.entries()) {
        const at = (path: readonly PropertyKey[]): string => `$.scenarios[${index}]${jsonPath(path).slice(1)}`;
        const scenario = { ...input, name: input.name ?? `scenario ${index + 1}` };
        const compiled = compileScenario(scenario);
        if (!compiled.ok) {
          problems.push({ code: compiled.error.code, field: at(compiled.error.path), message: compiled.error.message });
          continue;
        }
        const run = runCompiled(compiled.value);
        if (!run.ok) {
          problems.push({ code: run.error.code, field: at(run.error.path), message: run.error.message });
          continue;
        }
        const output: ScenarioOutput = run.value;
        if (body.solve !== undefined) {
          const solved = solve(compiled.value, body.solve.from ?? compiled.value.baseYear + 1);
          if (!solved.ok) {
            problems.push(solved.error.code === 'unknown_year'
              ? { code: 'bad_param_value', field: '$.solve.from', message: solved.error.message }
              : { code: solved.error.code, field: at(['targets']), message: solved.error.message });
            continue;
          }
          const { path, ...rest } = solved.value;
          output.solve = { ...rest, years: yearRows(compiled.value, path) };
        }
        outputs.push(output);
      }
      return problems.length > 0 ? err(problems) : ok({ kind: 'json', body: { scenarios: outputs } });
    },
  }),
  defineRoute({
    method: 'POST', path: '/score/runs', operationId: 'runScore', tags: ['score'], roles: ['planner'],
    summary: 'City carbon-neutrality score: weights, weighted sums or TOPSIS, method comparison, policy assessment',
    body: jsonBody(scoreRunSchema),
    response: { contentType: 'application/json', schema: scoreResponseSchema },
    handler: async ({ body }): Promise<Result<Reply, ApiProblem[]>> => {
      const data = uploadedTable(body.data);
      const loaded = await loadScoreInputs({
        data,
        params: body.params ?? {},
        ...(body.accounting !== undefined ? { accounting: { name: '$.accounting', document: body.accounting } } : {}),
        ...(body.market !== undefined ? { market: uploadedTable(body.market) } : {}),
      });
      if (!loaded.ok) return err(loaded.error.map(fromProblem));
      const { params, warnings, sources } = loaded.value;
      const run = runScore({ data: loaded.value.data, params, weightMethod: body.weights, aggregation: body.method });
      if (!run.ok) {
        const problem = scoreProblem(run.error, { params: '$.params', data: data.name });
        return err([problem.file === '$.params' && problem.path !== undefined ? { code: problem.code, field: `$.params${problem.path.slice(1)}`, message: problem.message } : fromProblem(problem)]);
      }
      const { weights, regions, policy, warnings: runWarnings, ...rest } = run.value;
      return ok({ kind: 'json', body: { weights, regions, ...(policy !== undefined ? { policy } : {}), warnings: [...warnings, ...runWarnings], ...rest, sources } });
    },
  }),
];
