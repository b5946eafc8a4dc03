/**
 * Every route fuzzed with requests generated from its schema (fast-check): whatever comes in,
 * the answer is never a 5xx, an error always has the one error shape, and a refusal writes
 * nothing (the journal's head stays put unless the registry itself journaled a rejection).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { ROUTES } from './routes/index.js';
import type { AnyRoute } from './route.js';
import { bodyArbitrary, fromJsonSchema, regionCsvArbitrary } from './test-support/arbitrary.js';
import { app, context, tokenOf } from './test-support/client.js';
import { bearer } from './test-support/context.js';

const callerOf = (route: AnyRoute): Record<string, string> => (route.roles.includes('public') ? {} : bearer(tokenOf(route.roles.find((r) => r !== 'authenticated') ?? 'planner')));

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const { store } = await context();

async function check(response: Response, what: () => string, headBefore?: { seq: number }): Promise<void> {
  const text = await response.text();
  assert.ok(response.status < 500, `${response.status} for ${what()}: ${text.slice(0, 500)}`);
  if (response.status >= 400) {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    assert.equal(typeof body.error?.code, 'string', `error shape for ${what()}`);
    assert.equal(typeof body.error?.message, 'string');
    if (headBefore !== undefined && body.error?.code !== 'command_rejected') assert.equal((await store.head()).seq, headBefore.seq, `a refusal wrote to the journal: ${what()}`);
  }
}

/** Values for the path and query: from their schemas, or any short string. */
function partArbitrary(schema: z.ZodType | undefined): fc.Arbitrary<Record<string, string>> {
  if (schema === undefined) return fc.constant({});
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>> };
  const fields = Object.fromEntries(Object.entries(json.properties ?? {}).map(([key, property]) => [
    key, fc.oneof(fromJsonSchema(property).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))), fc.string({ maxLength: 10 })),
  ]));
  return fc.record(fields, { requiredKeys: [] }).map((r) => Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => e[1] !== undefined)));
}

function url(route: AnyRoute, params: Record<string, string>, query: Record<string, string>): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'));
  const search = new URLSearchParams(query).toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

for (const route of ROUTES) {
  test(`${route.method} ${route.path}: ${RUNS} generated requests, no 5xx`, async () => {
    const body = route.body?.json !== undefined ? bodyArbitrary(route.body.json.schema) : fc.constant(undefined);
    await fc.assert(
      fc.asyncProperty(partArbitrary(route.params), partArbitrary(route.query), body, async (params, query, json) => {
        const init: RequestInit = { method: route.method, headers: callerOf(route) };
        if (json !== undefined) Object.assign(init, { headers: { ...callerOf(route), 'Content-Type': 'application/json' }, body: JSON.stringify(json) });
        const head = await store.head();
        await check(await app().request(url(route, params, query), init), () => `${url(route, params, query)} ${JSON.stringify(json)?.slice(0, 300)}`, head);
      }),
      { numRuns: RUNS },
    );
  });
}

test('accounting runs on generated region tables (odd codes, years and numbers) through JSON and forms: no 5xx', async () => {
  const params = z.toJSONSchema((await import('../tables/params.js')).paramsFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  await fc.assert(
    fc.asyncProperty(fc.array(regionCsvArbitrary, { minLength: 1, maxLength: 2 }), fc.option(fromJsonSchema(params)), fc.boolean(), async (tables, p, asForm) => {
      let init: RequestInit;
      if (asForm) {
        const form = new FormData();
        tables.forEach((csv, i) => form.append('data', new File([csv], `t${i}.csv`)));
        if (p !== null) form.append('params', JSON.stringify(p));
        init = { method: 'POST', body: form, headers: bearer(tokenOf('planner')) };
      } else {
        const body = { tables: tables.map((content, i) => ({ name: `t${i}.csv`, content })), ...(p !== null ? { params: p } : {}) };
        init = { method: 'POST', headers: { ...bearer(tokenOf('planner')), 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
      }
      await check(await app().request('/api/v1/accounting/runs', init), () => `${JSON.stringify(tables)} ${JSON.stringify(p)}`);
    }),
    { numRuns: RUNS * 3 },
  );
});
