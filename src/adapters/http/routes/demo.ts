/** The demo accounting results (data/demo/: Jiangxi and Henan), computed once per language. */
import { z } from 'zod';
import { type Result, ok, err } from '../../../core/result.js';
import { DEMO_PROVINCES, DEMO_PROVINCE_CODES, DEMO_TITLES, type DemoProvince, type DemoRun, runDemoAccounting } from '../../demo/accounting.js';
import { accountingDocument } from '../../report/document.js';
import { renderXlsx } from '../../report/render.js';
import { type ApiProblem, fromProblem } from '../errors.js';
import { pageQuerySchema, pageSchema, paginate } from '../paging.js';
import { type AnyRoute, type Reply, XLSX_TYPE, defineRoute } from '../route.js';
import { accountingDocumentSchema, languageSchema } from '../schemas/accounting.js';

const runs = new Map<DemoProvince, Promise<Result<DemoRun, ApiProblem[]>>>();

/** Pure computation on shipped files: the first request computes, later ones reuse it. */
function demoRun(province: DemoProvince): Promise<Result<DemoRun, ApiProblem[]>> {
  let run = runs.get(province);
  if (run === undefined) {
    run = runDemoAccounting(province).then((r) => (r.ok ? r : err(r.error.map(fromProblem))));
    runs.set(province, run);
  }
  return run;
}

const demoItemSchema = z.object({
  id: z.enum(DEMO_PROVINCES),
  province_code: z.string().describe('first two digits of the division codes'),
  title: z.object({ en: z.string(), zh: z.string() }),
});

const idParams = z.strictObject({ id: z.enum(DEMO_PROVINCES) });
const langQuery = z.strictObject({ lang: languageSchema });

export const demoRoutes: readonly AnyRoute[] = [
  defineRoute({
    method: 'GET', path: '/demo/accounting', operationId: 'listDemoAccounting', tags: ['demo'], roles: ['public'],
    summary: 'The demo data sets whose accounting results can be read',
    query: pageQuerySchema,
    response: { contentType: 'application/json', schema: pageSchema(demoItemSchema) },
    handler: async ({ query }): Promise<Result<Reply, ApiProblem[]>> => {
      const items = DEMO_PROVINCES.map((id) => ({ id, province_code: DEMO_PROVINCE_CODES[id], title: DEMO_TITLES[id] }));
      const page = paginate(items, (item) => item.id, query);
      return page.ok ? ok({ kind: 'json', body: page.value }) : err([page.error]);
    },
  }),
  defineRoute({
    method: 'GET', path: '/demo/accounting/{id}', operationId: 'getDemoAccounting', tags: ['demo'], roles: ['public'],
    summary: 'The accounting result of a demo data set (contracts.md §4)',
    params: idParams, query: langQuery,
    response: { contentType: 'application/json', schema: accountingDocumentSchema },
    handler: async ({ params, query }): Promise<Result<Reply, ApiProblem[]>> => {
      const run = await demoRun(params.id);
      if (!run.ok) return run;
      return ok({ kind: 'json', body: accountingDocument(run.value.result, run.value.inputs, query.lang) });
    },
  }),
  defineRoute({
    method: 'GET', path: '/demo/accounting/{id}/xlsx', operationId: 'getDemoAccountingXlsx', tags: ['demo'], roles: ['public'],
    summary: 'The accounting result of a demo data set as an XLSX workbook',
    params: idParams, query: langQuery,
    response: { contentType: XLSX_TYPE, binary: true },
    handler: async ({ params, query }): Promise<Result<Reply, ApiProblem[]>> => {
      const run = await demoRun(params.id);
      if (!run.ok) return run;
      return ok({ kind: 'file', contentType: XLSX_TYPE, filename: `neutral-demo-${params.id}.xlsx`, body: await renderXlsx(run.value.result, query.lang) });
    },
  }),
];
