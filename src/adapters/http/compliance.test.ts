/**
 * Compliance over HTTP on SQLite, seeded with examples/market/compliance-cap-and-trade.jsonl:
 * the periods listed for the dashboard's picker, the period report agrees with the core's, the readers' roles hold, city flows are public,
 * and compliance commands go through the generic command route with their refusal codes.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { emitterPositions, periodList, periodReport } from '../../core/compliance/index.js';
import { COMPLIANCE_EMITTERS, COMPLIANCE_READERS } from '../../../web/src/pages/compliance/types.js';
import { ROUTES } from './routes/index.js';
import type { ErrorBody } from './test-support/client.js';
import { bearer, exampleCommands, testContext } from './test-support/context.js';

const ctx = await testContext({ seed: exampleCommands('compliance-cap-and-trade') });
after(() => ctx.close());
const get = (path: string, token?: string) => ctx.app.request(`/api/v1${path}`, { headers: bearer(token) });
const post = (type: string, body: unknown, token: string, key: string) => ctx.app.request(`/api/v1/commands/${type}`, {
  method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...bearer(token) }, body: JSON.stringify(body),
});

test('period report: as the core computes it, for planners and authorities only', async () => {
  const response = await get('/compliance/periods/JX/P2024', ctx.tokens.get('planner'));
  assert.equal(response.status, 200, await response.clone().text());
  const body = (await response.json()) as { emitters: { participantId: string; status: string }[] };
  assert.deepEqual(body, JSON.parse(JSON.stringify(ctx.store.read((s) => periodReport(s, 'JX', 'P2024')))));
  assert.equal(body.emitters.find((r) => r.participantId === 'emitter')!.status, 'penalised');
  assert.equal((await get('/compliance/periods/JX/P2024', ctx.tokens.get('cooperative'))).status, 403);
  assert.equal((await get('/compliance/periods/JX/P2024')).status, 401);
  const missing = await get('/compliance/periods/JX/P1999', ctx.tokens.get('planner'));
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as ErrorBody).error.code, 'not_found');
  assert.equal((await get('/compliance/clearings/2020', ctx.tokens.get('planner'))).status, 404);
  const flows = await get('/compliance/city-flows');
  assert.equal(flows.status, 200);
  assert.deepEqual(((await flows.json()) as { items: { city: string }[] }).items.map((f: { city: string }) => f.city), ['360100', '360700']);
});

test('periods list: every jurisdiction\u2019s periods, newest first, for the same readers as the reports', async () => {
  const response = await get('/compliance/periods', ctx.tokens.get('city-government'));
  assert.equal(response.status, 200, await response.clone().text());
  const { items } = (await response.json()) as { items: unknown[] };
  assert.deepEqual(items, [
    { jurisdiction: 'JX', name: 'Jiangxi provincial carbon market', regime: 'cap-and-trade', periodId: 'P2025', year: 2025, deadline: '2026-06-30', closed: false },
    { jurisdiction: 'JX', name: 'Jiangxi provincial carbon market', regime: 'cap-and-trade', periodId: 'P2024', year: 2024, deadline: '2025-06-30', closed: true },
  ]);
  assert.deepEqual(items, JSON.parse(JSON.stringify(ctx.store.read((s) => periodList(s)))));
  assert.equal((await get('/compliance/periods', ctx.tokens.get('planner'))).status, 200);
  assert.equal((await get('/compliance/periods', ctx.tokens.get('cooperative'))).status, 403);
  assert.equal((await get('/compliance/periods')).status, 401);
});

test('the dashboard shows the compliance link to exactly the roles the compliance reads admit', () => {
  const own = '/compliance/my/positions';
  for (const route of ROUTES.filter((r) => r.path.startsWith('/compliance/') && r.path !== '/compliance/city-flows' && r.path !== own)) {
    assert.deepEqual([...route.roles].sort(), [...COMPLIANCE_READERS].sort(), route.path);
  }
  assert.deepEqual([...ROUTES.find((r) => r.path === own)!.roles].sort(), [...COMPLIANCE_EMITTERS].sort());
});

test('an emitter reads its own positions, period by period, as the core computes them; nobody else\u2019s', async () => {
  const steel = await ctx.user('steel-reader', ['emitter-enterprise'], 'emitter');
  const response = await get('/compliance/my/positions', steel);
  assert.equal(response.status, 200, await response.clone().text());
  const { items } = (await response.json()) as { items: { periodId: string; position: { participantId: string; status: string } }[] };
  assert.deepEqual(items, JSON.parse(JSON.stringify(ctx.store.read((s) => emitterPositions(s, 'emitter')))));
  assert.deepEqual(items.map((p) => [p.periodId, p.position.participantId, p.position.status]), [['P2025', 'emitter', 'unreported'], ['P2024', 'emitter', 'penalised']]);
  // An emitter that is in no enterprise database has no positions; other roles may not ask.
  const other = await ctx.user('other-steel', ['emitter-enterprise'], 'fund');
  assert.deepEqual(((await (await get('/compliance/my/positions', other)).json()) as { items: unknown[] }).items, []);
  assert.equal((await get('/compliance/my/positions', ctx.tokens.get('planner'))).status, 403);
  assert.equal((await get('/compliance/my/positions')).status, 401);
});

test('compliance commands over the command route: accepted, and refused with their code', async () => {
  const prov = await ctx.user('jiangxi', ['provincial-government'], 'prov');
  const steel = await ctx.user('steel', ['emitter-enterprise'], 'emitter');
  const opened = await post('period.open', { jurisdiction: 'JX', periodId: 'P2026', year: 2026, deadline: '2027-06-30' }, prov, 'open-2026');
  assert.equal(opened.status, 201, await opened.clone().text());
  const late = await post('compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 1 }, steel, 'late-1');
  assert.equal(late.status, 422);
  const error = ((await late.json()) as ErrorBody).error as ErrorBody['error'] & { reason?: string };
  assert.deepEqual([error.code, error.reason], ['command_rejected', 'period_closed']);
  assert.equal((await post('allocation.grant', { jurisdiction: 'JX', periodId: 'P2026', vintage: 2026, method: 'list', grants: [{ participantId: 'emitter', quantityT: 1 }] }, steel, 'grant-1')).status, 403);
});
