/**
 * The HTTP app: the route table mounted under /api/v1, one error shape, body limits,
 * Idempotency-Key, the OpenAPI document and the dashboard at `/`. Pure of sockets: tests call
 * `app.request(...)` in process; server.ts listens.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Result } from '../../core/result.js';
import { type ApiRequest, HonoApiRequest, type Sent, toResponse } from './api-request.js';
import { auditRefusal, authorize, identify } from './auth.js';
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
 * Answers carry a plain object of headers, not `c.header`/`c.json`'s: those make a WHATWG
 * Headers (two headers are enough), which the Node server then turns back into an object to
 * write (docs/benchmarks.md, "http"). `key`: the request's Idempotency-Key, echoed once checked.
 */
function headersOf(contentType: string, key: string | undefined): Record<string, string> {
  return key === undefined ? { 'content-type': contentType } : { 'content-type': contentType, 'idempotency-key': key };
}

export function problemsSent(problems: readonly ApiProblem[], key?: string): Sent {
  const { status, body } = errorBody(problems);
  return { status, headers: headersOf('application/json', key), body: JSON.stringify(body) };
}

function sent(reply: Reply, key: string | undefined): Sent {
  switch (reply.kind) {
    case 'json': {
      const answer = { status: reply.status ?? 200, headers: headersOf('application/json', key), body: JSON.stringify(reply.body) };
      return reply.cookies === undefined ? answer : { ...answer, cookies: reply.cookies };
    }
    case 'kept':
      return { status: reply.status, headers: headersOf(reply.contentType, key), body: reply.body };
    case 'file':
      return { status: 200, headers: { ...headersOf(reply.contentType, key), 'content-disposition': `attachment; filename="${reply.filename.replace(/[^\w.-]/g, '_')}"` }, body: reply.body };
  }
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string, parse?: (value: unknown) => z.ZodSafeParseResult<unknown>): Result<T, ApiProblem[]> {
  if (schema === undefined) return { ok: true, value: undefined as T };
  const parsed = (parse !== undefined ? parse(value) : schema.safeParse(value)) as z.ZodSafeParseResult<T>;
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: zodIssues(parsed.error, where) };
}

/** The body as the route's one input type, from JSON or a multipart form. */
async function readBody(req: ApiRequest, route: AnyRoute): Promise<Result<unknown, ApiProblem[]>> {
  const spec = route.body;
  if (spec === undefined) return { ok: true, value: undefined };
  const type = (req.header('Content-Type') ?? '').toLowerCase();
  if (type.startsWith('application/json') && spec.json !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(await req.text());
    } catch (cause) {
      return { ok: false, error: [{ code: 'bad_format', field: '$', message: `the body is not valid JSON: ${(cause as Error).message}` }] };
    }
    const parsed = parsePart(spec.json.schema, data, '$', spec.json.parse);
    return parsed.ok ? spec.json.toInput(parsed.value as never) : parsed;
  }
  if (type.startsWith('multipart/form-data') && spec.form !== undefined) {
    let form: Record<string, unknown>;
    try {
      form = await req.form();
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

/** A request past its checks: what its handler is called with. */
interface Admitted {
  readonly req: ApiRequest;
  readonly route: AnyRoute;
  readonly svc: Services;
  readonly caller: Caller | null;
  readonly idempotencyKey: string | undefined;
  readonly input: { readonly params: unknown; readonly query: unknown; readonly body: unknown };
}

// Module functions rather than closures made per request: run from the sources (tsx keeps
// names), each named closure costs a defineProperty on every request.
function callHandler(r: Admitted, keepResponse?: KeepResponse): Promise<Result<Reply, ApiProblem[]>> {
  const { idempotencyKey, caller, svc: services } = r;
  const ip = r.req.ip;
  return r.route.handler(r.input, keepResponse === undefined ? { idempotencyKey, caller, services, ip } : { idempotencyKey, caller, services, ip, keepResponse });
}

/** The reply sent; a refusal is audit-logged (when its code is one that is). A reply is sent without a turn of the event loop. */
function answer(r: Admitted, reply: Result<Reply, ApiProblem[]>): Sent | Promise<Sent> {
  return reply.ok ? sent(reply.value, r.idempotencyKey) : refused(r, reply.error);
}

async function refused(r: Admitted, problems: ApiProblem[]): Promise<Sent> {
  if (problems[0] !== undefined) await auditRefusal(r.svc, r.req, r.route, r.caller, problems[0]);
  return problemsSent(problems, r.idempotencyKey);
}

/** The handler stored its response itself, in its command's transaction. */
const isKept = (reply: Result<Reply, ApiProblem[]>): boolean => reply.ok && reply.value.kind === 'kept';

const utf8 = new TextEncoder();

/**
 * Stored idempotency: the first response of (user, key) is kept; one request per key at a time.
 * `journalFirst`: the route's journal may judge the key before any look-up (see below).
 */
async function answerStored(r: Admitted, accounts: AccountsStore, key: string, fingerprint: string, journalFirst: boolean): Promise<Sent> {
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
    await auditRefusal(r.svc, r.req, r.route, r.caller, problem);
    return problemsSent([problem], key);
  }
  if (found !== undefined) return replayed(found, key);
  const reply = early ?? await callHandler(r, keeps ? { principal, fingerprint, at } : undefined);
  const response = await answer(r, reply);
  if (isKept(reply)) return response;
  const { body } = response;
  const code = response.status >= 400 ? (JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as { error?: { code?: string } }).error?.code : undefined;
  // Outcomes are kept (accepted, or refused by the registry and journaled); refusals at the door are not.
  if (response.status < 400 || code === 'command_rejected') {
    await accounts.saveResponse(principal, key, fingerprint, { status: response.status, contentType: response.headers['content-type'] ?? 'application/json', body: typeof body === 'string' ? utf8.encode(body) : body }, at);
  }
  return response;
}

/** Serves one route: what Hono mounts, and what the Node server's fast path calls (direct.ts). */
export type RouteServer = (req: ApiRequest) => Promise<Sent>;

/**
 * `otherStored`: the stored-idempotency routes whose keys the journal does not see (user
 * creation); their callers' keys are always looked up first, as a key is one per user across routes.
 */
function routeServer(route: AnyRoute, svc: Services, otherStored: readonly AnyRoute[]): RouteServer {
  return async (req) => {
    let idempotencyKey: string | undefined;
    if (MUTATING_METHODS.has(route.method)) {
      const checked = checkIdempotencyKey(req.header(IDEMPOTENCY_HEADER));
      if (!checked.ok) return problemsSent([checked.problem]);
      idempotencyKey = checked.key;
    }
    // Who, and may they: before anything of the request is read.
    const who = await identify(req, svc);
    if (!who.ok) {
      await auditRefusal(svc, req, route, null, who.error);
      return problemsSent([who.error], idempotencyKey);
    }
    const caller = who.value;
    const denied = authorize(req, route, caller);
    if (denied !== null) {
      await auditRefusal(svc, req, route, caller, denied);
      return problemsSent([denied], idempotencyKey);
    }
    const params = parsePart(route.params, route.params === undefined ? undefined : req.params(), 'path');
    if (!params.ok) return problemsSent(params.error, idempotencyKey);
    const query = parsePart(route.query, route.query === undefined ? undefined : req.query(), 'query');
    if (!query.ok) return problemsSent(query.error, idempotencyKey);
    const body = await readBody(req, route);
    if (!body.ok) return problemsSent(body.error, idempotencyKey);
    const admitted: Admitted = { req, route, svc, caller, idempotencyKey, input: { params: params.value, query: query.value, body: body.value } };
    const accounts = svc.accounts;
    if (route.idempotency !== 'stored' || idempotencyKey === undefined || caller === null || accounts === null) return answer(admitted, await callHandler(admitted));
    const fingerprint = fingerprintOf(route.method, req.pathname(), await req.text());
    const journalFirst = svc.journal?.keepsResponses === true && route.journalKnowsKeys === true && !otherStored.some((other) => admits(other.roles, caller.user.roles));
    return withKeyLock(`${caller.user.username}\n${idempotencyKey}`, () => answerStored(admitted, accounts, idempotencyKey, fingerprint, journalFirst));
  };
}

/** The Idempotency-Key a mutating request's answer echoes (an internal error's too): the header, when well-formed. */
export function echoedKey(method: string, header: string | undefined): string | undefined {
  if (!MUTATING_METHODS.has(method as Method)) return undefined;
  const checked = checkIdempotencyKey(header);
  return checked.ok ? checked.key : undefined;
}

/** The message logged for an exception of a handler (never a request body). */
export const internalErrorLine = (method: string, pathname: string, error: unknown): string => `neutral serve: internal error on ${method} ${pathname}: ${(error as Error).stack ?? String(error)}`;

export const INTERNAL: ApiProblem = { code: 'internal', message: 'internal error (logged on the server)' };

/** True when a route with parameters, mounted before, would take the route's path in Hono (which answers with the first match). */
function shadowed(route: AnyRoute, routes: readonly AnyRoute[]): boolean {
  for (const earlier of routes) {
    if (earlier === route) return false;
    if (earlier.method === route.method && new RegExp(`^${earlier.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`).test(route.path)) return true;
  }
  return false;
}

/** The app, and the routes the Node server may serve without Hono (no path parameters), by method, then `/api/v1/path`. */
export interface Api {
  readonly app: Hono;
  readonly exact: ReadonlyMap<string, ReadonlyMap<string, RouteServer>>;
  readonly maxBodyBytes: number;
  readonly log: (line: string) => void;
}

export function createApp(options: AppOptions = {}): Hono {
  return createApi(options).app;
}

export function createApi(options: AppOptions = {}): Api {
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
  const exact = new Map<string, Map<string, RouteServer>>();
  const tooLarge = (): Response => toResponse(problemsSent([{ code: 'payload_too_large', message: `the body is larger than ${maxBodyBytes} bytes` }]));
  for (const route of routes) {
    const mountedPath = honoPath(route.path);
    const serve = routeServer(route, svc, otherStored);
    app.on(route.method, mountedPath, lightBodyLimit(maxBodyBytes, tooLarge), async (c) => toResponse(await serve(new HonoApiRequest(c, mountedPath))));
    if (route.path.includes('{') || shadowed(route, routes)) continue;
    const byPath = exact.get(route.method) ?? new Map<string, RouteServer>();
    exact.set(route.method, byPath.set(mountedPath, serve));
  }
  app.all(`${API_PREFIX}/*`, (c) => toResponse(problemsSent([{ code: 'not_found', field: 'path', message: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }])));
  if (options.webRoot !== null) serveDashboard(app, options.webRoot);
  app.notFound((c) => toResponse(problemsSent([{ code: 'not_found', field: 'path', message: `nothing at ${new URL(c.req.url).pathname}` }])));
  app.onError((error, c) => {
    log(internalErrorLine(c.req.method, new URL(c.req.url).pathname, error));
    return toResponse(problemsSent([INTERNAL], echoedKey(c.req.method, c.req.header(IDEMPOTENCY_HEADER))));
  });
  return { app, exact, maxBodyBytes, log };
}
