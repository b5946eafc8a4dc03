/**
 * What the API's handler (app.ts) reads of a request and what it answers, apart from any one
 * server: Hono's context gives the request for every route (and for the tests' `app.request`),
 * and the Node server's fast path (direct.ts) gives it straight from Node's request for the
 * routes it takes. The answer is a `Sent`: Hono turns it into a Response, the fast path writes it.
 */
import type { Context } from 'hono';

export interface ApiRequest {
  readonly method: string;
  /** A header as WHATWG `Headers#get` gives it (repeats joined with `, `), or undefined. */
  header(name: string): string | undefined;
  /** The path as `new URL(url).pathname` gives it (what a stored response's fingerprint holds). */
  pathname(): string;
  /** The URL as the client sent it, absolute. */
  url(): string;
  params(): Record<string, string>;
  query(): Record<string, string>;
  /** The body as text, decoded as `Request#text` decodes it (UTF-8, a leading BOM dropped). */
  text(): Promise<string>;
  /** A multipart form's fields, repeated ones as arrays (Hono's `parseBody({ all: true })`). */
  form(): Promise<Record<string, unknown>>;
  /** The client's address, for rate limits and the audit log. */
  readonly ip: string;
  /** The connection the request came on (its socket on the Node server), when there is one. */
  readonly connection: object | undefined;
}

/** An answer: header names in lower case, as a WHATWG `Headers` lists them. */
export interface Sent {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies?: readonly string[];
  readonly body: string | Uint8Array;
}

/** The Node request under Hono's context, on @hono/node-server (absent under `app.request`). */
function socketOf(c: Context): { remoteAddress?: string } | undefined {
  const socket = (c.env as { incoming?: { socket?: unknown } } | undefined)?.incoming?.socket;
  return typeof socket === 'object' && socket !== null ? socket : undefined;
}

/**
 * A request as Hono's context gives it. A class, not an object of closures: run from the sources
 * (tsx keeps names), each named closure made per request costs a defineProperty.
 */
export class HonoApiRequest implements ApiRequest {
  readonly method: string;
  readonly ip: string;
  readonly connection: object | undefined;

  constructor(
    private readonly c: Context,
    private readonly mountedPath: string,
  ) {
    this.method = c.req.method;
    const socket = socketOf(c);
    this.ip = socket?.remoteAddress ?? 'unknown';
    this.connection = socket;
  }

  header(name: string): string | undefined {
    return this.c.req.header(name);
  }

  /**
   * A route without parameters matched this exact path, so unless the URL holds a
   * percent-escape (which Hono decodes before matching and URL keeps) it is the route's own
   * path: no URL parse per request (~4 µs).
   */
  pathname(): string {
    const { req } = this.c;
    return req.path === this.mountedPath && !req.url.includes('%') ? this.mountedPath : new URL(req.url).pathname;
  }

  url(): string {
    return this.c.req.url;
  }

  params(): Record<string, string> {
    return this.c.req.param();
  }

  query(): Record<string, string> {
    return this.c.req.query();
  }

  text(): Promise<string> {
    return this.c.req.text();
  }

  async form(): Promise<Record<string, unknown>> {
    return { ...(await this.c.req.parseBody({ all: true })) };
  }
}

/** The Response of an answer (a WHATWG `Headers` only when there are cookies to send). */
export function toResponse(sent: Sent): Response {
  const body = sent.body as string | Uint8Array<ArrayBuffer>;
  if (sent.cookies === undefined || sent.cookies.length === 0) return new Response(body, { status: sent.status, headers: sent.headers });
  const headers = new Headers(sent.headers);
  for (const cookie of sent.cookies) headers.append('set-cookie', cookie);
  return new Response(body, { status: sent.status, headers });
}
