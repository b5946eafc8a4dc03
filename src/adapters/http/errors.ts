/**
 * Errors as the API sends them: `{ "error": { "code", "message", "field"? } }`, the status taken
 * from PROBLEM_TABLE (the one table of codes). When a request has several problems, the first
 * decides the status and the rest ride along in `error.problems`.
 */
import { z } from 'zod';
import { PROBLEM_TABLE, type Problem, type ProblemCode } from '../problems.js';
import { jsonPath } from '../tables/params.js';

export interface ApiProblem {
  readonly code: ProblemCode;
  readonly message: string;
  /** Where: a JSON path into the body (`$.params.compensation.threshold`), a parameter or header name, or `FILE:ROW:COLUMN` in an uploaded table. */
  readonly field?: string;
  /** The domain's own code behind a `command_rejected` (`insufficient_funds`, …). */
  readonly reason?: string;
}

const problemSchema = z.object({
  code: z.string().describe('snake_case code from the one problem table'),
  message: z.string(),
  field: z.string().optional().describe('JSON path into the body, parameter or header name, or FILE:ROW:COLUMN of an uploaded table'),
  reason: z.string().optional().describe('for command_rejected: the registry\'s or market\'s refusal code (docs/registry.md §6)'),
});

export const errorSchema = z.object({
  error: problemSchema.extend({ problems: z.array(problemSchema).optional().describe('every problem found, the first repeated; present when there are several') }),
});

export const MAX_PROBLEMS_SENT = 100;

export function errorBody(problems: readonly ApiProblem[]): { status: number; body: z.infer<typeof errorSchema> } {
  const first = problems[0] ?? { code: 'internal' as const, message: 'no problem given' };
  const item = (p: ApiProblem) => ({ code: p.code, message: p.message, ...(p.field !== undefined ? { field: p.field } : {}), ...(p.reason !== undefined ? { reason: p.reason } : {}) });
  return {
    status: PROBLEM_TABLE[first.code].http,
    body: { error: { ...item(first), ...(problems.length > 1 ? { problems: problems.slice(0, MAX_PROBLEMS_SENT).map(item) } : {}) } },
  };
}

/** A table or file problem: the field is where the CLI would point (contracts.md §0), without the code. */
export function fromProblem(problem: Problem): ApiProblem {
  const where: string[] = [];
  if (problem.file !== undefined) where.push(problem.file);
  if (problem.path !== undefined) where.push(problem.column === undefined ? problem.path : `${problem.path}.${problem.column}`);
  else if (problem.row !== undefined) where.push(String(problem.row), ...(problem.column !== undefined ? [problem.column] : []));
  else if (problem.line !== undefined) where.push(String(problem.line));
  return { code: problem.code, message: problem.message, ...(where.length > 0 ? { field: where.join(':') } : {}) };
}

/**
 * A problem whose path is relative to a part of the body (a params object): the path is
 * rebased under `prefix` (`$.zoning[0].when` → `$.params.zoning[0].when`).
 */
export function rebased(problem: Problem, prefix: string): ApiProblem {
  if (problem.path === undefined) return fromProblem(problem);
  return { code: problem.code, message: problem.message, field: prefix + problem.path.slice(1) };
}

/**
 * Zod issues of a request part: unknown keys are `unknown_param_field`, any other issue
 * `bad_param_value` (both 422), each naming its field. `where` is a JSON path for a body
 * (`$`, or `$.params` for a part of it), else the part's name (`query`, `path`, `form`), which
 * names the field when the issue is about the part as a whole.
 */
export function zodIssues(error: z.ZodError, where: string): ApiProblem[] {
  const field = (path: readonly PropertyKey[]): string => {
    if (where.startsWith('$')) return where + jsonPath(path).slice(1);
    return path.length === 0 ? where : jsonPath(path).slice(1).replace(/^\./, '');
  };
  return error.issues.flatMap((issue): ApiProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ code: 'unknown_param_field', field: field([...issue.path, key]), message: `unknown field "${key}"` }));
    }
    const message = issue.code === 'invalid_value' ? `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.message;
    return [{ code: 'bad_param_value', field: field(issue.path), message }];
  });
}
