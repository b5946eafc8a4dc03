/**
 * Hono's body limit and compression, without their cost on the common request. On the Node
 * server a request or response is a light wrapper until something touches its body stream,
 * and then a full WHATWG Request/Response (AbortSignal, ReadableStream) is built: about a tenth
 * of the CPU of a small API request (docs/benchmarks.md, "http"). So: a declared
 * Content-Length is checked from the header (Node's parser never reads past it), a GET or HEAD
 * has no body to limit, and a response is passed to the compressor only when the client
 * accepts an encoding (without one there is nothing to do, but Hono's `compress` would still
 * rebuild the response to add `Vary`).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';

export function lightBodyLimit(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('Content-Length');
    if (length !== undefined && /^\d+$/.test(length) && c.req.header('Transfer-Encoding') === undefined) return Number(length) > maxSize ? onError(c) : next();
    return streamed(c, next);
  };
}

export function compressWhenAccepted(): MiddlewareHandler {
  const compressor = compress();
  return async (c, next) => (c.req.header('Accept-Encoding') === undefined ? next() : compressor(c, next));
}
