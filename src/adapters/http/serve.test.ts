import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningServer } from './server.js';
import { serve } from '../cli/commands/serve.js';
import { cli, tempDir } from '../cli/test-support/run.js';
import { buildAll } from '../../../scripts/boundaries/build.js';

test('neutral serve: opens the database, creates the first admin from the environment, listens on loopback, prints the URL, answers the API and `/`, stops on request', async () => {
  const db = `sqlite:${join(tempDir(), 'serve.db')}`;
  let printed = '';
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let server: RunningServer | undefined;
  const started = new Promise<void>((resolve) => {
    void serve({ db, port: '0', host: '127.0.0.1' }, { stdout: (t) => void (printed += t), stderr: () => {} }, stopped, (s) => {
      server = s;
      resolve();
    }, { NEUTRAL_ADMIN_PASSWORD: 'first admin password' }).then((code) => assert.equal(code, 0));
  });
  await started;
  assert.ok(server);
  assert.match(printed, /^Created the first admin "admin"/);
  assert.match(printed, /Neutral: API and dashboard at http:\/\/127\.0\.0\.1:\d+\/ on sqlite:/);
  const login = await fetch(`${server.url}api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'first admin password' }) });
  assert.equal(login.status, 200);
  const registered = await fetch(`${server.url}api/v1/commands/participant.register`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'X-CSRF-Token': ((await login.json()) as { csrfToken: string }).csrfToken },
    body: JSON.stringify({ id: 'admin', kind: 'registry-administrator', name: 'Registry', regionCode: '360000' }),
  });
  assert.equal(registered.status, 201, 'the admin bootstraps the registry through the API');
  const api = await fetch(`${server.url}api/v1/openapi.json`);
  assert.equal(api.status, 200);
  assert.equal(((await api.json()) as { openapi: string }).openapi, '3.1.0');
  const page = await fetch(server.url);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  assert.equal((await fetch(`${server.url}assets/none.js`)).status, 404);
  assert.equal((await fetch(`${server.url}..%2f..%2fpackage.json`)).status, 404, 'no path out of the web root');
  stop();
});

test('neutral serve: bad flags and a busy port are bad input (exit 2)', async () => {
  for (const flags of [['--port', 'http'], ['--port', '70000'], ['--db', 'mysql://x']]) {
    const { code, stderr } = await cli('serve', ...flags);
    assert.equal(code, 2, flags.join(' '));
    assert.match(stderr, /bad_flag/);
  }
  let port = 0;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const db = `sqlite:${join(tempDir(), 'busy.db')}`;
  await new Promise<void>((resolve) => void serve({ db, port: '0', host: '127.0.0.1' }, { stdout: () => {}, stderr: () => {} }, stopped, (s) => ((port = s.port), resolve())));
  let stderr = '';
  const busy = await serve({ db: `sqlite:${join(tempDir(), 'busy2.db')}`, port: String(port), host: '127.0.0.1' }, { stdout: () => {}, stderr: (t) => void (stderr += t) }, Promise.resolve());
  assert.equal(busy, 2);
  assert.match(stderr, /EADDRINUSE/);
  stop();
});

test('data/boundaries/ is what scripts/boundaries/build.ts writes from echarts@4.9.0', () => {
  for (const [name, text] of buildAll()) assert.equal(readFileSync(`data/boundaries/${name}`, 'utf8'), text, `data/boundaries/${name} is stale: run node --import tsx scripts/boundaries/build.ts`);
});
