/** In-process requests against the app (Hono's app.request), as the HTTP tests make them. */
import type { Hono } from 'hono';
import { createApp } from '../app.js';

let shared: Hono | undefined;
/** One app for a test file: the demo results it computes once are reused. */
export const app = (): Hono => (shared ??= createApp({ webRoot: null, log: () => {} }));

export async function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return app().request(`/api/v1${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export async function get(path: string): Promise<Response> {
  return app().request(`/api/v1${path}`);
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string; problems?: { code: string; message: string; field?: string }[] };
}
