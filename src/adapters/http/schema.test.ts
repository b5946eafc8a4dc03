/**
 * Generated from the route table: every route's schema rejects malformed input with a 4xx that
 * names the field, whatever part of the request (path, query, JSON body, form) carries it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROUTES } from './routes/index.js';
import type { AnyRoute } from './route.js';
import { type ErrorBody, app, tokenOf } from './test-support/client.js';
import { bearer } from './test-support/context.js';

/** A request from a caller the route admits, so that the check reaches the schemas. */
function call(route: AnyRoute, url: string, init: RequestInit): Promise<Response> {
  const role = route.roles.includes('public') ? undefined : route.roles.find((r) => r !== 'authenticated') ?? 'planner';
  return Promise.resolve(app().request(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...bearer(role === undefined ? undefined : tokenOf(role)) } }));
}

/** A path with every parameter set to `value`. */
const pathWith = (route: AnyRoute, value: string): string => `/api/v1${route.path.replace(/\{\w+\}/g, value)}`;
/** A path whose parameters are valid, taken from the enum or pattern of each. */
const VALID_PARAMS: Record<string, string> = { id: 'jiangxi', province_code: '36', projectId: 'XG01', memberId: 'farmer1', participantId: 'p-farmer', certificateId: 'c1', serial: 'NTL-360732-XG01-2023-1-1' };
const validPath = (route: AnyRoute): string => `/api/v1${route.path.replace(/\{(\w+)\}/g, (_, name: string) => VALID_PARAMS[name] ?? 'x')}`;

async function expectField(response: Response, field: string | RegExp, what: string): Promise<void> {
  assert.ok(response.status >= 400 && response.status < 500, `${what}: expected a 4xx, got ${response.status}`);
  const body = (await response.json()) as ErrorBody;
  const fields = [body.error.field, ...(body.error.problems ?? []).map((p) => p.field)];
  assert.ok(fields.some((f) => (typeof field === 'string' ? f === field : f !== undefined && field.test(f))), `${what}: no problem names ${field}: ${JSON.stringify(body)}`);
}

for (const route of ROUTES) {
  const name = `${route.method} ${route.path}`;
  test(`${name}: malformed input is a 4xx naming the field`, async () => {
    let checks = 0;
    for (const [, param] of route.path.matchAll(/\{(\w+)\}/g)) {
      await expectField(await call(route, pathWith(route, 'z%20z'), { method: route.method }), param as string, `bad path parameter ${param}`);
      checks++;
    }
    if (route.query !== undefined) {
      await expectField(await call(route, `${validPath(route)}?bogus=1`, { method: route.method }), 'bogus', 'unknown query parameter');
      const json = (await import('zod')).z.toJSONSchema(route.query, { io: 'input' }) as { properties?: Record<string, { type?: string; enum?: unknown[] }> };
      for (const [key, property] of Object.entries(json.properties ?? {})) {
        if (property.enum === undefined && property.type !== 'number' && property.type !== 'integer') continue;
        await expectField(await call(route, `${validPath(route)}?${key}=-1.5x`, { method: route.method }), key, `bad query parameter ${key}`);
        checks++;
      }
      checks++;
    }
    if (route.body?.json !== undefined) {
      const post = (body: string) => call(route, validPath(route), { method: route.method, headers: { 'Content-Type': 'application/json' }, body });
      await expectField(await post('{"unclosed": '), '$', 'a body that is not JSON');
      await expectField(await post('{"bogus": 1}'), '$.bogus', 'an unknown field');
      await expectField(await post('[]'), '$', 'an array for an object');
      const json = (await import('zod')).z.toJSONSchema(route.body.json.schema, { io: 'input' }) as { properties: Record<string, unknown>; required?: string[] };
      for (const key of json.required ?? []) {
        await expectField(await post('{}'), `$.${key}`, `missing ${key}`);
        await expectField(await post(JSON.stringify({ [key]: { nested: [true] } })), new RegExp(`^\\$\\.${key}`), `wrong type for ${key}`);
      }
      checks += 3;
    }
    if (route.body?.form !== undefined) {
      const form = new FormData();
      form.append('bogus', 'x');
      await expectField(await call(route, validPath(route), { method: route.method, body: form }), 'bogus', 'an unknown form part');
      await expectField(await call(route, validPath(route), { method: route.method, body: new FormData() }), /^\w+$/, 'an empty form');
      checks++;
    }
    if (route.body !== undefined) {
      await expectField(await call(route, validPath(route), { method: route.method, headers: { 'Content-Type': 'text/csv' }, body: 'a,b' }), 'Content-Type', 'a body of another media type');
      checks++;
    }
    // Logout is the one mutating route without input: the session it ends is the cookie.
    if (checks === 0 && route.operationId !== 'logout') assert.equal(route.method, 'GET', `${name} takes no input, so only a GET may`);
  });
}
