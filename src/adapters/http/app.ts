/**
 * The HTTP app: the route table mounted under /api/v1, one error shape, body limits,
 * Idempotency-Key, the OpenAPI document and the dashboard at `/`. Pure of sockets: tests call
 * `app.request(...)` in process; server.ts listens.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Result } from '../../core/result.js';
import { auditRefusal, authorize, clientIp, identify } from './auth.js';
import { type ApiProblem, errorBody, zodIssues } from './errors.js';
import { compressWhenAccepted, lightBodyLimit } from './middleware.js';
import { IDEMPOTENCY_HEADER, checkIdempotencyKey, fingerprintOf, replayed, withKeyLock } from './idempotency.js';
import { API_PREFIX, openApiDocument } from './openapi.js';
import { admits } from './roles.js';
import { type AnyRoute, type KeepResponse, MUTATING_METHODS, type Method, type Reply, defineRoute } from './route.js';
import { ROUTES } from './routes/index.js';
import { type Caller, type ServiceOptions, type Services, isoTime, services as makeServices } from './services.js';
import type { AccountsStore } from '../accounts/port.js';
import { serveDashboard } from './static.js';

export interface AppOptions extends ServiceOptions {
  /** The route table (default: every module's routes). */
  readonly routes?: readonly AnyRoute[];
  /** Directory of the built dashboard (default dist/web); null serves no dashboard. */
  readonly webRoot?: string | null;
  /** Largest request body in bytes (default 32 MiB: a region table of a few hundred thousand rows). */
  readonly maxBodyBytes?: number;
  /** Where internal errors are logged (default stderr); never request bodies. */
  readonly log?: (line: string) => void;
  readonly version?: string;
}

const openApiSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

const honoPath = (path: string): string => API_PREFIX + path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Responses are built with a plain object of headers, not through `c.header`/`c.json`: those
 * make a WHATWG Headers (two headers are enough), which the Node server then turns back into an
 * object to write: ~15 µs of an order (docs/benchmarks.md, "http"). Header names are lower case,
 * as the Headers object sent them. `key`: the request's Idempotency-Key, echoed once checked.
 */
function headersOf(contentType: string, key: string | undefined): Record<string, string> {
  return key === undefined ? { 'content-type': contentType } : { 'content-type': contentType, 'idempotency-key': key };
}

function sendProblems(problems: readonly ApiProblem[], key?: string): Response {
  const { status, body } = errorBody(problems);
  return new Response(JSON.stringify(body), { status, headers: headersOf('application/json', key) });
}

function send(reply: Reply, key: string | undefined): Response {
  if (reply.kind === 'json') {
    const headers = headersOf('application/json', key);
    if (reply.cookies === undefined || reply.cookies.length === 0) return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers });
    const withCookies = new Headers(headers);
    for (const cookie of reply.cookies) withCookies.append('set-cookie', cookie);
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers: withCookies });
  }
  if (reply.kind === 'kept') return new Response(reply.body, { status: reply.status, headers: headersOf(reply.contentType, key) });
  return new Response(reply.body as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...headersOf(reply.contentType, key), 'content-disposition': `attachment; filename="${reply.filename.replace(/[^\w.-]/g, '_')}"` },
  });
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string, parse?: (value: unknown) => z.ZodSafeParseResult<unknown>): Result<T, ApiProblem[]> {
  if (schema === undefined) return { ok: true, value: undefined as T };
  const parsed = (parse !== undefined ? parse(value) : schema.safeParse(value)) as z.ZodSafeParseResult<T>;
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: zodIssues(parsed.error, where) };
}

/** The body as the route's one input type, from JSON or a multipart form. */
async function readBody(c: Context, route: AnyRoute): Promise<Result<unknown, ApiProblem[]>> {
  const spec = route.body;
  if (spec === undefined) return { ok: true, value: undefined };
  const type = (c.req.header('Content-Type') ?? '').toLowerCase();
  if (type.startsWith('application/json') && spec.json !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(await c.req.text());
    } catch (cause) {
      return { ok: false, error: [{ code: 'bad_format', field: '$', message: `the body is not valid JSON: ${(cause as Error).message}` }] };
    }
    const parsed = parsePart(spec.json.schema, data, '$', spec.json.parse);
    return parsed.ok ? spec.json.toInput(parsed.value as never) : parsed;
  }
  if (type.startsWith('multipart/form-data') && spec.form !== undefined) {
    let form: Record<string, unknown>;
    try {
      form = { ...(await c.req.parseBody({ all: true })) };
    } catch (cause) {
      return { ok: false, error: [{ code: 'bad_format', field: 'form', message: `the body is not a valid multipart form: ${(cause as Error).message}` }] };
    }
    for (const name of spec.form.arrays ?? []) if (form[name] !== undefined && !Array.isArray(form[name])) form[name] = [form[name]];
    const parsed = parsePart(spec.form.schema, form, 'form');
    return parsed.ok ? spec.form.toInput(parsed.value as never) : parsed;
  }
  const accepted = [spec.json ? 'application/json' : null, spec.form ? 'multipart/form-data' : null].filter(Boolean).join(' or ');
  return { ok: false, error: [{ code: 'unsupported_media_type', field: 'Content-Type', message: `expected ${accepted}, found ${type || 'none'}` }] };
}

/**
 * The request's path as `new URL(url).pathname` gives it (what a stored response's fingerprint
 * holds). A route without parameters matched this exact path, so unless the URL holds a
 * percent-escape (which Hono decodes before matching and URL keeps) it is the route's own path:
 * no URL parse per request (~4 µs).
 */
function pathnameOf(c: Context, mountedPath: string): string {
  return c.req.path === mountedPath && !c.req.url.includes('%') ? mountedPath : new URL(c.req.url).pathname;
}

/** A request past its checks: what its handler is called with. */
interface Admitted {
  readonly c: Context;
  readonly route: AnyRoute;
  readonly svc: Services;
  readonly caller: Caller | null;
  readonly idempotencyKey: string | undefined;
  readonly input: { readonly params: unknown; readonly query: unknown; readonly body: unknown };
}

// Module functions rather than closures made per request: run from the sources (tsx keeps
// names), each named closure costs a defineProperty on every request.
function callHandler(r: Admitted, keepResponse?: KeepResponse): Promise<Result<Reply, ApiProblem[]>> {
  const context = { idempotencyKey: r.idempotencyKey, caller: r.caller, services: r.svc, ip: clientIp(r.c) };
  return r.route.handler(r.input, keepResponse === undefined ? context : { ...context, keepResponse });
}

/** The reply sent; a refusal is audit-logged (when its code is one that is). */
async function answer(r: Admitted, reply: Result<Reply, ApiProblem[]>): Promise<Response> {
  if (reply.ok) return send(reply.value, r.idempotencyKey);
  if (reply.error[0] !== undefined) await auditRefusal(r.svc, r.c, r.route, r.caller, reply.error[0]);
  return sendProblems(reply.error, r.idempotencyKey);
}

/** The handler stored its response itself, in its command's transaction. */
const isKept = (reply: Result<Reply, ApiProblem[]>): boolean => reply.ok && reply.value.kind === 'kept';

/**
 * Stored idempotency: the first response of (user, key) is kept; one request per key at a time.
 * `journalFirst`: the route's journal may judge the key before any look-up (see below).
 */
async function answerStored(r: Admitted, accounts: AccountsStore, key: string, fingerprint: string, journalFirst: boolean): Promise<Response> {
  const principal = r.caller!.user.username;
  const keeps = r.svc.journal?.keepsResponses === true;
  const at = isoTime(r.svc.now());
  let early: Result<Reply, ApiProblem[]> | undefined;
  if (journalFirst) {
    // The journal judges the key first, against its in-memory index: a command it journals now
    // (answered `kept`) is the key's first use, so no response of it can be stored, and the
    // SQLite look-up (~17 µs of the main thread per order, docs/benchmarks.md) is skipped. Any
    // other answer wrote nothing, and the stored response, if any, decides as before.
    early = await callHandler(r, { principal, fingerprint, at });
    if (isKept(early)) return answer(r, early);
  }
  const found = await accounts.findResponse(principal, key, fingerprint);
  if (found === 'conflict') {
    const problem: ApiProblem = { code: 'idempotency_key_reused', field: IDEMPOTENCY_HEADER, message: `market.md §10: key "${key}" was used by ${principal} with another request; nothing was done` };
    await auditRefusal(r.svc, r.c, r.route, r.caller, problem);
    return sendProblems([problem], key);
  }
  if (found !== undefined) return replayed(found, key);
  const reply = early ?? await callHandler(r, keeps ? { principal, fingerprint, at } : undefined);
  const response = await answer(r, reply);
  if (isKept(reply)) return response;
  const code = response.status >= 400 ? ((await response.clone().json()) as { error?: { code?: string } }).error?.code : undefined;
  // Outcomes are kept (accepted, or refused by the registry and journaled); refusals at the door are not.
  if (response.status < 400 || code === 'command_rejected') {
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    await accounts.saveResponse(principal, key, fingerprint, { status: response.status, contentType: response.headers.get('Content-Type') ?? 'application/json', body: bytes }, at);
  }
  return response;
}

/**
 * `otherStored`: the stored-idempotency routes whose keys the journal does not see (user
 * creation); their callers' keys are always looked up first, as a key is one per user across routes.
 */
function mount(app: Hono, route: AnyRoute, maxBodyBytes: number, svc: Services, otherStored: readonly AnyRoute[]): void {
  const mountedPath = honoPath(route.path);
  const limit = lightBodyLimit(maxBodyBytes, () => sendProblems([{ code: 'payload_too_large', message: `the body is larger than ${maxBodyBytes} bytes` }]));
  app.on(route.method, mountedPath, limit, async (c) => {
    let idempotencyKey: string | undefined;
    if (MUTATING_METHODS.has(route.method)) {
      const checked = checkIdempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
      if (!checked.ok) return sendProblems([checked.problem]);
      idempotencyKey = checked.key;
    }
    // Who, and may they: before anything of the request is read.
    const who = await identify(c, svc);
    if (!who.ok) {
      await auditRefusal(svc, c, route, null, who.error);
      return sendProblems([who.error], idempotencyKey);
    }
    const caller = who.value;
    const denied = authorize(c, route, caller);
    if (denied !== null) {
      await auditRefusal(svc, c, route, caller, denied);
      return sendProblems([denied], idempotencyKey);
    }
    const params = parsePart(route.params, c.req.param(), 'path');
    if (!params.ok) return sendProblems(params.error, idempotencyKey);
    const query = parsePart(route.query, c.req.query(), 'query');
    if (!query.ok) return sendProblems(query.error, idempotencyKey);
    const body = await readBody(c, route);
    if (!body.ok) return sendProblems(body.error, idempotencyKey);
    const admitted: Admitted = { c, route, svc, caller, idempotencyKey, input: { params: params.value, query: query.value, body: body.value } };
    const accounts = svc.accounts;
    if (route.idempotency !== 'stored' || idempotencyKey === undefined || caller === null || accounts === null) return answer(admitted, await callHandler(admitted));
    const fingerprint = fingerprintOf(route.method, pathnameOf(c, mountedPath), await c.req.text());
    const journalFirst = svc.journal?.keepsResponses === true && route.journalKnowsKeys === true && !otherStored.some((other) => admits(other.roles, caller.user.roles));
    return withKeyLock(`${caller.user.username}\n${idempotencyKey}`, () => answerStored(admitted, accounts, idempotencyKey, fingerprint, journalFirst));
  });
}

/** The Idempotency-Key a mutating request's answer echoes (an internal error's too): the header, when well-formed. */
function echoedKey(c: Context): string | undefined {
  if (!MUTATING_METHODS.has(c.req.method as Method)) return undefined;
  const checked = checkIdempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
  return checked.ok ? checked.key : undefined;
}

export function createApp(options: AppOptions = {}): Hono {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const svc = makeServices(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const routes: AnyRoute[] = [...(options.routes ?? ROUTES)];
  const openApi = defineRoute({
    method: 'GET', path: '/openapi.json', operationId: 'getOpenApi', tags: ['meta'], roles: ['public'],
    summary: 'This document: OpenAPI 3.1, generated from the route table',
    response: { contentType: 'application/json', schema: openApiSchema },
    handler: async () => ({ ok: true, value: { kind: 'json', body: openApiDocument(routes, options.version ?? '0.1.0') } }),
  });
  routes.push(openApi);
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key) || seen.has(route.operationId)) throw new Error(`route ${key} (${route.operationId}) is declared twice`);
    seen.add(key).add(route.operationId);
  }

  const app = new Hono();
  app.use(`${API_PREFIX}/*`, compressWhenAccepted());
  const otherStored = routes.filter((r) => r.idempotency === 'stored' && r.journalKnowsKeys !== true);
  for (const route of routes) mount(app, route, maxBodyBytes, svc, otherStored);
  app.all(`${API_PREFIX}/*`, (c) => sendProblems([{ code: 'not_found', field: 'path', message: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }]));
  if (options.webRoot !== null) serveDashboard(app, options.webRoot);
  app.notFound((c) => sendProblems([{ code: 'not_found', field: 'path', message: `nothing at ${new URL(c.req.url).pathname}` }]));
  app.onError((error, c) => {
    log(`neutral serve: internal error on ${c.req.method} ${new URL(c.req.url).pathname}: ${error.stack ?? String(error)}`);
    return sendProblems([{ code: 'internal', message: 'internal error (logged on the server)' }], echoedKey(c));
  });
  return app;
}
