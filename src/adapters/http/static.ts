/**
 * The built dashboard (dist/web, `npm run build:web`) at `/`: files by extension, hashed assets
 * cached for a year, every other GET path answered with index.html (the dashboard routes in the
 * browser). Without a build, `/` says how to make one.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.geojson': 'application/geo+json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Neutral</title>
<p>The dashboard is not built. Run <code>npm run build:web</code> (npm ci runs it), then reload. The API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>`;

async function fileAt(root: string, path: string): Promise<Buffer | null> {
  const full = normalize(join(root, decodeURIComponent(path)));
  if (!full.startsWith(normalize(root + sep)) && full !== normalize(root)) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    return await readFile(full);
  } catch {
    return null;
  }
}

export function serveDashboard(app: Hono, webRoot: string = DEFAULT_WEB_ROOT): void {
  const headers = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' };
  app.get('*', async (c) => {
    const path = new URL(c.req.url).pathname;
    let body: Buffer | null = null;
    try {
      body = path === '/' ? null : await fileAt(webRoot, path);
    } catch {
      body = null; // a malformed %-escape is simply not a file
    }
    if (body !== null) {
      const immutable = path.startsWith('/assets/');
      return c.body(new Uint8Array(body), 200, {
        ...headers, 'Content-Type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (extname(path) !== '' && path !== '/') return c.notFound();
    const index = await fileAt(webRoot, 'index.html');
    return c.html(index === null ? NOT_BUILT : index.toString('utf8'), 200, { ...headers, 'Cache-Control': 'no-cache' });
  });
}
