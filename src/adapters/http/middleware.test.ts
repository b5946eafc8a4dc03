import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { compressWhenAccepted, lightBodyLimit } from './middleware.js';

function limited(max: number): Hono {
  const app = new Hono();
  app.use('*', lightBodyLimit(max, (c) => c.text('too large', 413)));
  app.post('/echo', async (c) => c.text(String((await c.req.text()).length)));
  app.get('/echo', (c) => c.text('get'));
  return app;
}

test('body limit: a declared Content-Length over the limit is refused unread, within it passes; a body without one is counted as it streams', async () => {
  const app = limited(10);
  assert.equal((await app.request('/echo', { method: 'POST', headers: { 'Content-Length': '11' }, body: 'x'.repeat(11) })).status, 413);
  const ok = await app.request('/echo', { method: 'POST', headers: { 'Content-Length': '10' }, body: 'x'.repeat(10) });
  assert.equal(await ok.text(), '10');
  const chunked = new ReadableStream<Uint8Array>({ start(controller) { controller.enqueue(new Uint8Array(8)); controller.enqueue(new Uint8Array(8)); controller.close(); } });
  assert.equal((await app.request('/echo', { method: 'POST', body: chunked, duplex: 'half' } as RequestInit)).status, 413);
  assert.equal(await (await app.request('/echo')).text(), 'get');
});

test('compression: gzip when the client accepts it (with Vary), the plain bytes when it sends no Accept-Encoding', async () => {
  const app = new Hono();
  app.use('*', compressWhenAccepted());
  const body = { items: Array.from({ length: 200 }, (_, i) => ({ i, name: `item ${i}` })) };
  app.get('/big', (c) => c.json(body));
  const zipped = await app.request('/big', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(zipped.headers.get('content-encoding'), 'gzip');
  assert.match(zipped.headers.get('vary') ?? '', /Accept-Encoding/);
  assert.deepEqual(JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()), body);
  const plain = await app.request('/big');
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.deepEqual(await plain.json(), body);
});
