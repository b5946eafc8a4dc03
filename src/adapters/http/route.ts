/**
 * A route declares everything about itself in one place: method, path, the zod schemas of its
 * request and response, the roles it admits and the handler that calls the core. The app
 * (app.ts) mounts a table of them, and the OpenAPI document (openapi.ts) is generated from it.
 */
import type { z } from 'zod';
import type { Result } from '../../core/result.js';
import type { ApiProblem } from './errors.js';
import type { Role } from './roles.js';
import type { Caller, Services } from './services.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const MUTATING_METHODS: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Reply =
  | { readonly kind: 'json'; readonly status?: 200 | 201; readonly body: unknown; readonly cookies?: readonly string[] }
  | { readonly kind: 'file'; readonly contentType: string; readonly filename: string; readonly body: Uint8Array }
  /** Bytes already stored as the request's idempotent response (in the journal's transaction): sent as they are, not stored again. */
  | { readonly kind: 'kept'; readonly status: number; readonly contentType: string; readonly body: string };

/** On a stored-idempotency route whose journal shares the accounts' database: who keeps the response of which request. */
export interface KeepResponse {
  readonly principal: string;
  readonly fingerprint: string;
  readonly at: string;
}

export interface RouteContext {
  /** The `Idempotency-Key` header of a mutating request, already checked for form. */
  readonly idempotencyKey: string | undefined;
  /** Who calls (null: nobody logged in); the route's roles were checked before the handler runs. */
  readonly caller: Caller | null;
  readonly services: Services;
  /** The client's address, for rate limits and the audit log. */
  readonly ip: string;
  /**
   * Set when the handler may store its response itself, in the transaction of the command it
   * journals (answering `kept`), so that both are durable together; otherwise the app stores it after.
   */
  readonly keepResponse?: KeepResponse;
}

/** A request body: JSON, multipart form, or either; each form maps to the handler's one input type. */
export interface BodySpec<I> {
  readonly json?: {
    readonly schema: z.ZodType;
    /** Parses with `schema` in a way of its own (the exchange's commands: so that the machine need not parse again); default `schema.safeParse`. */
    readonly parse?: (value: unknown) => z.ZodSafeParseResult<unknown>;
    readonly toInput: (parsed: never) => Result<I, ApiProblem[]> | Promise<Result<I, ApiProblem[]>>;
  };
  readonly form?: {
    readonly schema: z.ZodType;
    /** Fields that may repeat; they reach the schema as arrays even when sent once. */
    readonly arrays?: readonly string[];
    readonly toInput: (parsed: never) => Result<I, ApiProblem[]> | Promise<Result<I, ApiProblem[]>>;
  };
}

export interface Route<P = unknown, Q = unknown, I = unknown> {
  readonly method: Method;
  /** OpenAPI form below /api/v1: `/demo/accounting/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly roles: readonly Role[];
  /**
   * `stored`: with an Idempotency-Key, the first response is kept and a retry gets it back; the
   * key with another request is refused. Routes whose answer holds a secret (login, new tokens) say `none`.
   */
  readonly idempotency?: 'stored' | 'none';
  /**
   * With `stored`: the handler journals the request under its key, and answers `kept` exactly
   * when the journal took the key for the first time (commands). The app then lets the journal's
   * in-memory index judge a key before looking for a stored response (app.ts).
   */
  readonly journalKnowsKeys?: boolean;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: BodySpec<I>;
  readonly response: { readonly contentType: 'application/json'; readonly schema: z.ZodType } | { readonly contentType: string; readonly binary: true };
  readonly handler: (input: { readonly params: P; readonly query: Q; readonly body: I }, context: RouteContext) => Promise<Result<Reply, ApiProblem[]>>;
}

/** The table's element type: routes with their own input types, erased. */
export type AnyRoute = Route<any, any, any>;

/** Keeps a route's types checked where it is written, then erases them for the table. */
export function defineRoute<P, Q, I>(route: Route<P, Q, I>): AnyRoute {
  return route as AnyRoute;
}

/** A JSON body validated by `schema` and passed on as is. */
export function jsonBody<S extends z.ZodType>(schema: S): BodySpec<z.output<S>> {
  return { json: { schema, toInput: (parsed: z.output<S>) => ({ ok: true, value: parsed }) as const } as BodySpec<z.output<S>>['json'] & object };
}
