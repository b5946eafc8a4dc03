/**
 * In-process requests against the app (Hono's app.request), as the HTTP tests make them. The
 * shared app has a database (test-support/context.ts); `postJson` and `get` send a token that
 * holds the route's role (planner for the accounting side) unless told otherwise.
 */
import type { Hono } from 'hono';
import { type TestContext, bearer, exampleCommands, testContext } from './context.js';

let shared: Promise<TestContext> | undefined;
/** One context for a test file: the demo results it computes once are reused. */
export const context = (): Promise<TestContext> => (shared ??= testContext({ seed: exampleCommands() }));
const ready = await context();
export const app = (): Hono => ready.app;
/** A token holding `role`. */
export const tokenOf = (role: string): string => ready.tokens.get(role) ?? '';

export async function postJson(path: string, body: unknown, headers: Record<string, string> = {}, role = 'planner'): Promise<Response> {
  return app().request(`/api/v1${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(tokenOf(role)), ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export async function get(path: string, role: string | null = null): Promise<Response> {
  return app().request(`/api/v1${path}`, { headers: role === null ? {} : bearer(tokenOf(role)) });
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string; reason?: string; problems?: { code: string; message: string; field?: string }[] };
}
