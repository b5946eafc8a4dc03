/** Accounting runs: region tables and parameters in, the contracts.md §4 document or an XLSX out. */
import type { z } from 'zod';
import { type AccountingResult, type PresetName, runAccounting } from '../../../core/accounting/index.js';
import { type Result, ok, err } from '../../../core/result.js';
import { accountingDocument } from '../../report/document.js';
import type { Language } from '../../report/messages.js';
import { renderXlsx } from '../../report/render.js';
import { type ParamsFile, paramsFileSchema } from '../../tables/params.js';
import { accountingProblem, loadAccountingInputs } from '../../tables/load-accounting.js';
import type { InMemoryTable } from '../../tables/read-records.js';
import { type ApiProblem, fromProblem, rebased, zodIssues } from '../errors.js';
import { type AnyRoute, type BodySpec, type Reply, XLSX_TYPE, defineRoute } from '../route.js';
import { accountingDocumentSchema, accountingFormSchema, accountingRunSchema } from '../schemas/accounting.js';
import { formTable, uploadedTable } from '../schemas/tables.js';

/** One accounting request, whichever way it came (JSON or multipart). */
export interface AccountingRequest {
  readonly tables: readonly InMemoryTable[];
  readonly fuels?: InMemoryTable;
  readonly params?: ParamsFile;
  readonly preset?: PresetName;
  readonly year?: number;
  readonly lang: Language;
}

function fromJson(body: z.output<typeof accountingRunSchema>): Result<AccountingRequest, ApiProblem[]> {
  return ok({
    tables: body.tables.map(uploadedTable),
    ...(body.fuels !== undefined ? { fuels: uploadedTable(body.fuels) } : {}),
    ...(body.params !== undefined ? { params: body.params } : {}),
    ...(body.preset !== undefined ? { preset: body.preset } : {}),
    ...(body.year !== undefined ? { year: body.year } : {}),
    lang: body.lang,
  });
}

async function fromForm(form: z.output<typeof accountingFormSchema>): Promise<Result<AccountingRequest, ApiProblem[]>> {
  let params: ParamsFile | undefined;
  if (form.params !== undefined) {
    const text = typeof form.params === 'string' ? form.params : await form.params.text();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      return err([{ code: 'bad_format', field: 'params', message: `not valid JSON: ${(cause as Error).message}` }]);
    }
    const parsed = paramsFileSchema.safeParse(data);
    if (!parsed.success) return err(zodIssues(parsed.error, '$.params'));
    params = parsed.data;
  }
  return ok({
    tables: await Promise.all(form.data.map(formTable)),
    ...(form.fuels !== undefined ? { fuels: await formTable(form.fuels) } : {}),
    ...(params !== undefined ? { params } : {}),
    ...(form.preset !== undefined ? { preset: form.preset } : {}),
    ...(form.year !== undefined ? { year: form.year } : {}),
    lang: form.lang,
  });
}

export const accountingBody: BodySpec<AccountingRequest> = {
  json: { schema: accountingRunSchema, toInput: fromJson },
  form: { schema: accountingFormSchema, arrays: ['data'], toInput: fromForm },
};

/** Loads, validates and computes: the same steps as `neutral account`. */
export async function runAccountingRequest(request: AccountingRequest): Promise<Result<{ result: AccountingResult; document: Record<string, unknown> }, ApiProblem[]>> {
  const loaded = await loadAccountingInputs({
    dataFiles: request.tables,
    ...(request.fuels !== undefined ? { fuelsFile: request.fuels } : {}),
    ...(request.params !== undefined ? { params: request.params } : {}),
    ...(request.preset !== undefined ? { preset: request.preset } : {}),
  });
  if (!loaded.ok) return err(loaded.error.map(fromProblem));
  const { rows, resolved, conversions, ignoredColumns, extraWarnings } = loaded.value;
  const run = runAccounting({ rows, params: resolved.params, priceModeExplicit: resolved.priceModeExplicit, inputWarnings: extraWarnings, ...(request.year !== undefined ? { compensationYear: request.year } : {}) });
  if (!run.ok) {
    const problem = accountingProblem(run.error, undefined);
    if (problem.code === 'unknown_year') return err([{ code: 'unknown_year', field: '$.year', message: `year ${request.year} is not a year of the table` }]);
    return err([rebased(problem, '$.params')]);
  }
  const result = run.value;
  const files = request.tables.map((t) => t.name);
  return ok({ result, document: accountingDocument(result, { files, conversions, ignoredColumns }, request.lang) });
}

const xlsxName = (request: AccountingRequest): string => `${(request.tables[0]?.name ?? 'accounting').replace(/\.[^.]+$/, '')}-accounting.xlsx`;

export const accountingRoutes: readonly AnyRoute[] = [
  defineRoute({
    method: 'POST', path: '/accounting/runs', operationId: 'runAccounting', tags: ['accounting'], roles: ['planner'],
    summary: 'Run the accounting on uploaded region tables (JSON body or multipart form); the contracts.md §4 document',
    body: accountingBody,
    response: { contentType: 'application/json', schema: accountingDocumentSchema },
    handler: async ({ body }): Promise<Result<Reply, ApiProblem[]>> => {
      const run = await runAccountingRequest(body);
      return run.ok ? ok({ kind: 'json', body: run.value.document }) : run;
    },
  }),
  defineRoute({
    method: 'POST', path: '/accounting/runs/xlsx', operationId: 'runAccountingXlsx', tags: ['accounting'], roles: ['planner'],
    summary: 'The same run as an XLSX workbook: one sheet per table, then parameters, coefficients and warnings',
    body: accountingBody,
    response: { contentType: XLSX_TYPE, binary: true },
    handler: async ({ body }): Promise<Result<Reply, ApiProblem[]>> => {
      const run = await runAccountingRequest(body);
      if (!run.ok) return run;
      return ok({ kind: 'file', contentType: XLSX_TYPE, filename: xlsxName(body), body: await renderXlsx(run.value.result, body.lang) });
    },
  }),
];
