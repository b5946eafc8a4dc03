import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from './secrets.js';
import { SqliteAccounts } from './sqlite.js';
import { withTokenCache } from './token-cache.js';

async function setup(ttlMs = 1000) {
  let clock = 0;
  const raw = new SqliteAccounts(':memory:');
  const store = withTokenCache(raw, { ttlMs, now: () => clock });
  await store.createUser({ username: 'ann', participantId: 'p1', roles: ['farmer'] }, 'x', '2026-01-01');
  await store.createToken('ann', { id: 't1', name: 'n', createdAt: '2026-01-01' }, sha256('secret'));
  return { raw, store, tick: (ms: number) => { clock += ms; } };
}

test('a token found once is answered from memory until it expires; a revoked token is refused at once', async () => {
  const { raw, store, tick } = await setup();
  assert.equal((await store.userByToken(sha256('secret')))?.username, 'ann');
  // Removed behind the cache's back (as another process would): still answered until the TTL ends…
  await raw.deleteToken('ann', 't1');
  assert.equal((await store.userByToken(sha256('secret')))?.username, 'ann');
  tick(1001);
  assert.equal(await store.userByToken(sha256('secret')), undefined, '…then refused');
  // Revoked through this store: refused at once.
  await store.createToken('ann', { id: 't2', name: 'n', createdAt: '2026-01-01' }, sha256('second'));
  assert.equal((await store.userByToken(sha256('second')))?.username, 'ann');
  assert.equal(await store.deleteToken('ann', 't2'), true);
  assert.equal(await store.userByToken(sha256('second')), undefined);
});

test('unknown tokens are not cached: a token created elsewhere works at once; methods the cache does not know clear it', async () => {
  const { raw, store } = await setup();
  assert.equal(await store.userByToken(sha256('later')), undefined);
  await raw.createToken('ann', { id: 't3', name: 'n', createdAt: '2026-01-01' }, sha256('later'));
  assert.equal((await store.userByToken(sha256('later')))?.username, 'ann');
  await raw.deleteToken('ann', 't3');
  // setPassword is not in the harmless list: it empties the cache like any change to users.
  await store.setPassword('ann', 'y');
  assert.equal(await store.userByToken(sha256('later')), undefined);
  assert.equal(await store.userCount(), 1, 'other methods pass through');
});

test('a look-up racing with a revocation does not keep the old answer', async () => {
  const { store } = await setup();
  const pending = store.userByToken(sha256('secret'));
  const revoked = store.deleteToken('ann', 't1');
  await Promise.all([pending, revoked]);
  assert.equal(await store.userByToken(sha256('secret')), undefined);
});

test('the methods passed through are made once, and a method replaced on the store is the one called', async () => {
  const { store } = await setup();
  assert.equal(store.findResponse, store.findResponse, 'a harmless method: one bound function');
  assert.equal(store.deleteToken, store.deleteToken, 'a clearing method: one wrapper');
  assert.equal(await store.userCount(), 1);
  (store as unknown as { userCount: () => Promise<number> }).userCount = async () => 42;
  assert.equal(await store.userCount(), 42);
});
