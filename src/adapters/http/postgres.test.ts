/**
 * Smoke test of the API on PostgreSQL (never skipped: the helper starts the cluster): the
 * journal and the accounts migrate side by side, a command goes through a token, a retry is
 * answered from the stored response, the public view reads it, a refusal is audited.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { throwawayDatabase } from '../storage/test-support/postgres.js';
import { bearer, exampleCommands, testContext } from './test-support/context.js';

const database = await throwawayDatabase();
const ctx = await testContext({ target: { dialect: 'postgres', url: database.url }, seed: exampleCommands() });
after(async () => {
  await ctx.close();
  await database.drop();
});

test('PostgreSQL: a command by token, its idempotent retry, the public view, an audited refusal', async () => {
  const emitter = await ctx.user('nanchang', ['emitter-enterprise'], 'emitter');
  const send = () => ctx.app.request('/api/v1/commands/credits.retire', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'pg-retire-1', ...bearer(emitter) },
    body: JSON.stringify({ quantityT: 5, beneficiary: 'Nanchang steel', purpose: 'voluntary' }),
  });
  const first = await send();
  assert.equal(first.status, 201);
  const text = await first.text();
  const retry = await send();
  assert.equal(await retry.text(), text);
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');
  const retirements = (await (await ctx.app.request('/api/v1/registry/retirements')).json()) as { items: { quantityT: number }[] };
  assert.deepEqual(retirements.items.map((c) => c.quantityT).sort(), [300, 5].sort());
  const refused = await ctx.app.request('/api/v1/commands/credits.issue', { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(emitter) }, body: '{}' });
  assert.equal(refused.status, 403);
  const log = await ctx.accounts.auditLog(0, 100);
  assert.equal(log.at(-1)?.code, 'forbidden');
  assert.equal(await ctx.accounts.responseCount(), 1);
});
