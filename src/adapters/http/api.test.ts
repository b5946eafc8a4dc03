import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { createApp } from './app.js';
import { ROUTES } from './routes/index.js';
import { accountingDocumentSchema } from './schemas/accounting.js';
import { pathwayResponseSchema, scoreResponseSchema } from './schemas/planning.js';
import { type ErrorBody, app, get, postJson, tokenOf } from './test-support/client.js';
import { bearer } from './test-support/context.js';

const planner = (): Record<string, string> => bearer(tokenOf('planner'));

const jiangxi = readFileSync('data/demo/jiangxi.csv', 'utf8');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('accounting run from a JSON body: the contracts.md §4 document, as the CLI computes it', async () => {
  const response = await postJson('/accounting/runs', { tables: [{ name: 'jiangxi.csv', content: jiangxi }], year: 2015, lang: 'zh' });
  assert.equal(response.status, 200);
  const doc = accountingDocumentSchema.parse(await response.json());
  assert.equal(doc.compensation.year, 2015);
  assert.deepEqual(doc.inputs.files, ['jiangxi.csv']);
  assert.equal(doc.regionSet.length, 11);
  assert.equal(doc.regions.length, 33);
  assert.ok(doc.warnings.some((w) => /[\u4e00-\u9fff]/.test(w.message)), 'warnings in Chinese when lang is zh');
});

test('accounting run from a multipart form (two tables merged, params as text), and the same run as XLSX', async () => {
  const lines = jiangxi.trim().split('\n');
  const header = (lines[0] as string).split(',');
  const keep = (names: string[]) => lines.map((line) => line.split(',').filter((_, i) => names.includes(header[i] as string)).join(',')).join('\n');
  const base = ['region_code', 'region_name', 'year'];
  const form = () => {
    const f = new FormData();
    f.append('data', new File([keep([...base, 'population', 'gdp_100m_yuan', 'energy_tce'])], 'people.csv'));
    f.append('data', new File([keep([...base, 'cultivated_hm2', 'forest_hm2', 'grassland_hm2', 'water_hm2', 'unused_hm2', 'construction_hm2'])], 'land.csv'));
    f.append('params', JSON.stringify({ compensation: { threshold: 'per-region', revision: 'additive' } }));
    return f;
  };
  const response = await app().request('/api/v1/accounting/runs', { method: 'POST', body: form(), headers: planner() });
  assert.equal(response.status, 200);
  const doc = accountingDocumentSchema.parse(await response.json());
  assert.deepEqual(doc.inputs.files, ['people.csv', 'land.csv']);
  assert.equal(doc.params.compensation.threshold, 'per-region');
  assert.equal(doc.params.compensation.revision, 'additive');
  assert.ok(doc.regions.every((r) => r.absorption_t !== null));

  const xlsx = await app().request('/api/v1/accounting/runs/xlsx', { method: 'POST', body: form(), headers: planner() });
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.headers.get('content-type'), XLSX);
  assert.match(xlsx.headers.get('content-disposition') ?? '', /attachment; filename="people-accounting.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await xlsx.arrayBuffer());
  assert.deepEqual(workbook.worksheets.map((s) => s.name), ['regions', 'totals', 'compensation', 'params', 'coefficients', 'warnings']);
});

test('XLSX and JSON tables upload too (base64, rows inline)', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  const rows = jiangxi.trim().split('\n').map((line) => line.split(','));
  for (const [r, row] of rows.entries()) sheet.addRow(row.map((cell, i) => (r > 0 && i >= 3 && i <= 11 && cell !== '' ? Number(cell) : cell)));
  const base64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
  const fromXlsx = await postJson('/accounting/runs', { tables: [{ name: 'jx.xlsx', content: base64, encoding: 'base64' }] });
  assert.equal(fromXlsx.status, 200, await fromXlsx.clone().text());
  const header = rows[0] as string[];
  const objects = rows.slice(1).map((row) => Object.fromEntries(row.map((cell, i) => [header[i], cell])));
  const fromRows = await postJson('/accounting/runs', { tables: [{ name: 'jx.json', rows: objects }] });
  assert.equal(fromRows.status, 200);
  const a = (await fromXlsx.json()) as { regions: { budget_t: number }[] };
  const b = (await fromRows.json()) as { regions: { budget_t: number }[] };
  assert.deepEqual(a.regions.map((r) => r.budget_t), b.regions.map((r) => r.budget_t));
});

test('table problems come back with the CLI code and FILE:ROW:COLUMN as the field', async () => {
  const broken = jiangxi.replace('5042565', 'many');
  const response = await postJson('/accounting/runs', { tables: [{ name: 'jiangxi.csv', content: broken }] });
  assert.equal(response.status, 422);
  const body = (await response.json()) as ErrorBody;
  assert.equal(body.error.code, 'not_a_number');
  assert.equal(body.error.field, 'jiangxi.csv:3:population');
  const year = await postJson('/accounting/runs', { tables: [{ name: 'jiangxi.csv', content: jiangxi }], year: 2011 });
  assert.deepEqual(((await year.json()) as ErrorBody).error.field, '$.year');
  const zoning = await postJson('/accounting/runs', { tables: [{ name: 'jiangxi.csv', content: jiangxi }], params: { zoning: [{ zone: 'total-carbon-control', when: 'ecc >' }] } });
  assert.equal(zoning.status, 422);
  assert.equal(((await zoning.json()) as ErrorBody).error.field, '$.params.zoning[0].when');
});

test('demo results: list (paged), Jiangxi and Henan documents, XLSX', async () => {
  const first = await get('/demo/accounting?limit=1');
  const page1 = (await first.json()) as { items: { id: string }[]; next_cursor: string | null };
  assert.deepEqual(page1.items.map((i) => i.id), ['henan'], 'lists are ordered by key');
  assert.ok(page1.next_cursor);
  const page2 = (await (await get(`/demo/accounting?limit=1&cursor=${page1.next_cursor}`)).json()) as typeof page1;
  assert.deepEqual(page2.items.map((i) => i.id), ['jiangxi']);
  assert.equal(page2.next_cursor, null);
  for (const [id, regions] of [['jiangxi', 11], ['henan', 18]] as const) {
    const doc = accountingDocumentSchema.parse(await (await get(`/demo/accounting/${id}`)).json());
    assert.equal(doc.regionSet.length, regions);
    assert.ok(doc.warnings.some((w) => w.code === 'estimated_input'), 'demo estimates are flagged');
  }
  const xlsx = await get('/demo/accounting/henan/xlsx?lang=zh');
  assert.equal(xlsx.headers.get('content-type'), XLSX);
  const bad = await get('/demo/accounting?cursor=nonsense');
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as ErrorBody).error.code, 'bad_cursor');
});

test('pathway and score runs give the contracts.md §5 and §6 outputs', async () => {
  const scenario = JSON.parse(readFileSync('examples/pathway/small.json', 'utf8'));
  const pathway = await postJson('/pathway/runs', { scenarios: [scenario, { ...scenario, name: 'second' }] });
  assert.equal(pathway.status, 200);
  const out = pathwayResponseSchema.parse(await pathway.json());
  assert.deepEqual(out.scenarios.map((s) => s.name), [scenario.name, 'second']);
  assert.equal(out.scenarios[0]?.years.at(-1)?.year, scenario.endYear);

  const score = await postJson('/score/runs', {
    data: { name: 'panel.csv', content: readFileSync('examples/score/panel.csv', 'utf8') },
    params: JSON.parse(readFileSync('examples/score/panel.params.json', 'utf8')),
    weights: 'combined',
  });
  assert.equal(score.status, 200, await score.clone().text());
  const doc = scoreResponseSchema.parse(await score.json());
  assert.ok(doc.policy !== undefined && doc.policy.length > 0);
  assert.ok(Math.abs(Object.values(doc.weights).reduce((a, b) => a + b, 0) - 1) < 1e-9);
});

test('a core problem in a pathway names the scenario and the path inside it', async () => {
  const scenario = JSON.parse(readFileSync('examples/pathway/small.json', 'utf8'));
  const gap = { ...scenario, periods: scenario.periods.slice(1) };
  const response = await postJson('/pathway/runs', { scenarios: [scenario, gap] });
  assert.equal(response.status, 422);
  const body = (await response.json()) as ErrorBody;
  assert.equal(body.error.code, 'period_gap');
  assert.match(body.error.field ?? '', /^\$\.scenarios\[1\]\.periods/);
});

test('boundaries: outlines by code, attribution and the schematic label', async () => {
  const list = (await (await get('/boundaries')).json()) as { items: { province_code: string; schematic: string }[] };
  assert.deepEqual(list.items.map((i) => i.province_code), ['36', '41']);
  assert.match(list.items[0]?.schematic ?? '', /审图号/);
  const henan = (await (await get('/boundaries/41')).json()) as { features: { properties: { region_code: string } }[] };
  assert.equal(henan.features.length, 18);
  assert.ok(henan.features.some((f) => f.properties.region_code === '419001'));
  assert.equal((await get('/boundaries/11')).status, 404);
});

test('Idempotency-Key: echoed on a run, refused when malformed', async () => {
  const body = { tables: [{ name: 'jiangxi.csv', content: jiangxi }] };
  const first = await postJson('/accounting/runs', body, { 'Idempotency-Key': 'run-0001' });
  const retry = await postJson('/accounting/runs', body, { 'Idempotency-Key': 'run-0001' });
  assert.equal(first.headers.get('idempotency-key'), 'run-0001');
  assert.deepEqual(await first.json(), await retry.json(), 'a retry computes the same document');
  const bad = await postJson('/accounting/runs', body, { 'Idempotency-Key': 'has space' });
  assert.equal(bad.status, 400);
  assert.deepEqual((await bad.json()) as ErrorBody, { error: { code: 'bad_idempotency_key', field: 'Idempotency-Key', message: 'expected 1 to 255 printable ASCII characters without spaces (a UUID, say)' } });
});

test('request limits: body size (413), media type (415), unknown paths (404), JSON syntax (400)', async () => {
  const small = createApp({ webRoot: null, maxBodyBytes: 1000, log: () => {} });
  const big = await small.request('/api/v1/accounting/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tables: [{ name: 'a.csv', content: 'x'.repeat(2000) }] }) });
  assert.equal(big.status, 413);
  assert.equal(((await big.json()) as ErrorBody).error.code, 'payload_too_large');
  const text = await app().request('/api/v1/pathway/runs', { method: 'POST', headers: { ...planner(), 'Content-Type': 'text/plain' }, body: '{}' });
  assert.equal(text.status, 415);
  assert.equal(((await text.json()) as ErrorBody).error.field, 'Content-Type');
  const missing = await get('/registry/nothing');
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as ErrorBody).error.code, 'not_found');
  const syntax = await postJson('/score/runs', '{"data": ');
  assert.equal(syntax.status, 400);
  assert.equal(((await syntax.json()) as ErrorBody).error.code, 'bad_format');
});

test('an exception in a handler is a 500 with code internal, logged, with no stack in the body', async () => {
  const lines: string[] = [];
  const failing = createApp({
    webRoot: null, log: (line) => lines.push(line),
    routes: [{ method: 'GET', path: '/boom', operationId: 'boom', summary: 'fails', tags: [], roles: ['public'], response: { contentType: 'text/plain', binary: true }, handler: async () => { throw new Error('bug'); } }],
  });
  const response = await failing.request('/api/v1/boom');
  assert.equal(response.status, 500);
  assert.deepEqual(await response.json(), { error: { code: 'internal', message: 'internal error (logged on the server)' } });
  assert.match(lines.join('\n'), /Error: bug/);
});

test('the OpenAPI document lists every route of the table, with roles, schemas and the error shape', async () => {
  const response = await get('/openapi.json');
  assert.equal(response.status, 200);
  const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; 'x-roles': string[]; requestBody?: { content: Record<string, unknown> }; parameters?: { name: string }[] }>> };
  assert.equal(doc.openapi, '3.1.0');
  for (const route of [...ROUTES]) {
    const operation = doc.paths[`/api/v1${route.path}`]?.[route.method.toLowerCase()];
    assert.ok(operation, `${route.method} ${route.path} is documented`);
    assert.equal(operation.operationId, route.operationId);
    assert.deepEqual(operation['x-roles'], route.roles);
    if (route.body?.json) assert.ok(operation.requestBody?.content['application/json']);
    if (route.body?.form) assert.ok(operation.requestBody?.content['multipart/form-data']);
    if (route.method === 'POST') assert.ok(operation.parameters?.some((p) => p.name === 'Idempotency-Key'));
  }
  assert.ok(doc.paths['/api/v1/openapi.json']?.get, 'the document lists itself');
  const operations = Object.values(doc.paths).flatMap((p) => Object.keys(p));
  assert.equal(operations.length, ROUTES.length + 1);
});
