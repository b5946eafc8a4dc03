/**
 * The Node server's fast path. A request for a route without path parameters (the commands,
 * the depth read, …) is served straight from Node's request and response by the same route
 * server Hono mounts (app.ts): no WHATWG Request, no Hono context, router or middleware chain,
 * and the answer written by one writeHead and end. That was about a tenth of an order's CPU on
 * the main thread (docs/benchmarks.md, "http"). Whatever Hono or its Node adapter would treat
 * in a way of their own goes to them unchanged: a query string or percent-escape in the URL
 * (no exact match), HEAD, a client that accepts a compressed answer, a body without a
 * Content-Length or over the limit, a multipart form, a missing or unusual Host.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest, Sent } from './api-request.js';
import { type Api, INTERNAL, echoedKey, internalErrorLine, problemsSent } from './app.js';
import { IDEMPOTENCY_HEADER } from './idempotency.js';

/** @hono/node-server's: a Host it puts into the request's URL without parsing one. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
const DIGITS = /^\d+$/;

/**
 * Headers that Node keeps once however often they are sent, where @hono/node-server (like a
 * WHATWG Headers) joins every occurrence: these are read from the raw list, as it does.
 */
const FROM_RAW = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

const isHttpSpace = (code: number): boolean => code === 9 || code === 10 || code === 13 || code === 32;

function trimmed(value: string): string {
  if (value.length === 0 || (!isHttpSpace(value.charCodeAt(0)) && !isHttpSpace(value.charCodeAt(value.length - 1)))) return value;
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

const utf8 = new TextDecoder();

/** The whole body; at once when Node has parsed all of it already (a small body comes with its headers). */
function bodyText(incoming: IncomingMessage): Promise<string> {
  if (incoming.complete && incoming.listenerCount('data') === 0) {
    const all = incoming.read() as Buffer | null;
    return Promise.resolve(all === null ? '' : utf8.decode(all));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(utf8.decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))));
    incoming.once('error', reject);
    incoming.once('close', () => { if (!incoming.complete) reject(new Error('the client closed the connection before the end of the body')); });
  });
}

/** A request as Node gives it, read the way @hono/node-server and Hono would show it. */
class NodeApiRequest implements ApiRequest {
  readonly method: string;
  readonly ip: string;
  readonly connection: object;
  #text: Promise<string> | undefined;

  constructor(
    private readonly incoming: IncomingMessage,
    private readonly path: string,
    private readonly host: string,
  ) {
    this.method = incoming.method!;
    this.ip = incoming.socket.remoteAddress ?? 'unknown';
    this.connection = incoming.socket;
  }

  header(name: string): string | undefined {
    const lower = name.toLowerCase();
    if (!FROM_RAW.has(lower)) {
      const value = this.incoming.headers[lower];
      return typeof value === 'string' ? trimmed(value) : undefined;
    }
    const raw = this.incoming.rawHeaders;
    let joined: string | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      const rawName = raw[i]!;
      if (rawName.length === lower.length && rawName.toLowerCase() === lower) {
        const value = trimmed(raw[i + 1]!);
        joined = joined === undefined ? value : `${joined}, ${value}`;
      }
    }
    return joined;
  }

  pathname(): string {
    return this.path;
  }

  url(): string {
    return `${(this.incoming.socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http'}://${this.host}${this.path}`;
  }

  params(): Record<string, string> {
    return {};
  }

  query(): Record<string, string> {
    return {};
  }

  /** Read once: the body is parsed, then hashed into the request's fingerprint. */
  text(): Promise<string> {
    return (this.#text ??= bodyText(this.incoming));
  }

  form(): Promise<Record<string, unknown>> {
    return Promise.reject(new Error('a multipart form is served through Hono'));
  }
}

/** The answer's headers as Node's flat list (an object spread into a copy cost more than the rest of the write). */
function write(outgoing: ServerResponse, sent: Sent): void {
  const body = sent.body;
  const headers: Array<string | number> = [];
  for (const name in sent.headers) headers.push(name, sent.headers[name]!);
  headers.push('content-length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  for (const cookie of sent.cookies ?? []) headers.push('set-cookie', cookie);
  outgoing.writeHead(sent.status, headers);
  outgoing.end(body);
}

/** Serves the request and answers true, or answers false and leaves it to Hono. */
export function serveDirect(api: Api, incoming: IncomingMessage, outgoing: ServerResponse): boolean {
  const path = incoming.url!;
  const serve = api.exact.get(incoming.method!)?.get(path);
  if (serve === undefined) return false;
  const headers = incoming.headers;
  const host = headers.host;
  if (host === undefined || !PLAIN_HOST.test(host) || headers['accept-encoding'] !== undefined) return false;
  const req = new NodeApiRequest(incoming, path, host);
  if (incoming.method !== 'GET') {
    // Node's parser refuses a repeated Content-Length, so its one value is what Hono would see.
    const length = headers['content-length'];
    if (length === undefined || !DIGITS.test(length) || Number(length) > api.maxBodyBytes || headers['transfer-encoding'] !== undefined) return false;
    if ((req.header('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) return false;
  }
  serve(req).then(
    (sent) => write(outgoing, sent),
    (error: unknown) => {
      api.log(internalErrorLine(req.method, path, error));
      write(outgoing, problemsSent([INTERNAL], echoedKey(req.method, req.header(IDEMPOTENCY_HEADER))));
    },
  );
  return true;
}
