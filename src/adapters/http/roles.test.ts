/**
 * Generated from the route table: every mutating route refuses every role it does not admit
 * (and anyone without a login), each refusal is written to the audit log, and nothing else is
 * written: no journal entry, no stored response. Every restricted read refuses the same way.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { admits, USER_ROLES } from './roles.js';
import { MUTATING_METHODS } from './route.js';
import { ROUTES } from './routes/index.js';
import { bearer, exampleCommands, testContext } from './test-support/context.js';

const ctx = await testContext({ seed: exampleCommands() });
after(() => ctx.close());

const auditCount = async (): Promise<number> => (await ctx.accounts.auditLog(0, 1_000_000)).length;
const url = (path: string): string => `/api/v1${path.replace(/\{(\w+)\}/g, 'abcdefgh1')}`;

let checked = 0;
for (const route of ROUTES.filter((r) => MUTATING_METHODS.has(r.method) && !r.roles.includes('public'))) {
  test(`${route.method} ${route.path} refuses ${route.roles.includes('authenticated') ? 'anonymous callers' : 'every role but ' + route.roles.join(', ')}`, async () => {
    const refused: (string | null)[] = [null, ...USER_ROLES.filter((role) => !admits(route.roles, [role]))];
    for (const role of refused) {
      const before = { head: await ctx.store.head(), audit: await auditCount(), responses: await ctx.accounts.responseCount() };
      const response = await ctx.app.request(url(route.path), {
        method: route.method,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `refused-${role}`, ...bearer(role === null ? undefined : ctx.tokens.get(role)) },
        body: '{}',
      });
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(response.status, role === null ? 401 : 403, `${role ?? 'anonymous'} on ${route.path}`);
      assert.equal(body.error.code, role === null ? 'unauthenticated' : 'forbidden');
      assert.deepEqual(await ctx.store.head(), before.head, 'the journal is untouched');
      assert.equal(await ctx.accounts.responseCount(), before.responses, 'no stored response');
      const log = await ctx.accounts.auditLog(0, 1_000_000);
      assert.equal(log.length, before.audit + 1, 'one audit row');
      const last = log.at(-1)!;
      assert.deepEqual([last.route, last.method, last.code, last.username], [route.path, route.method, body.error.code, role === null ? null : `only-${role}`]);
      checked++;
    }
  });
}

let readsChecked = 0;
for (const route of ROUTES.filter((r) => r.method === 'GET' && !r.roles.includes('public'))) {
  test(`GET ${route.path} refuses ${route.roles.includes('authenticated') ? 'anonymous callers' : 'every role but ' + route.roles.join(', ')}, each refusal audit-logged`, async () => {
    for (const role of [null, ...USER_ROLES.filter((r) => !admits(route.roles, [r]))]) {
      const audit = await auditCount();
      const response = await ctx.app.request(url(route.path), { headers: bearer(role === null ? undefined : ctx.tokens.get(role)) });
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(response.status, role === null ? 401 : 403, `${role ?? 'anonymous'} on ${route.path}`);
      assert.equal(body.error.code, role === null ? 'unauthenticated' : 'forbidden');
      assert.equal(await auditCount(), audit + 1, 'one audit row');
      readsChecked++;
    }
  });
}

test('the generated read refusals covered the restricted reads, the trader\u2019s own orders and trades and the compliance periods among them', () => {
  const reads = ROUTES.filter((r) => r.method === 'GET' && !r.roles.includes('public'));
  for (const path of ['/market/my/orders', '/market/my/trades', '/registry/events', '/compliance/periods']) assert.ok(reads.some((r) => r.path === path), path);
  assert.ok(readsChecked >= reads.length, `${readsChecked} read refusals checked`);
});

test('the generated refusals covered every mutating route', () => {
  const mutating = ROUTES.filter((r) => MUTATING_METHODS.has(r.method) && !r.roles.includes('public'));
  assert.ok(mutating.length >= 25, `${mutating.length} mutating routes`);
  assert.ok(checked >= mutating.length * 2, `${checked} refusals checked`);
});

test('every route declares its roles, and only known ones', () => {
  for (const route of ROUTES) {
    assert.ok(route.roles.length > 0, `${route.path} declares roles`);
    if (route.roles.includes('public')) assert.equal(route.roles.length, 1, `${route.path}: public stands alone`);
  }
});
