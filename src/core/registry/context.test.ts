import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventOf } from './context.js';

const command = { key: 'k', actor: 'p1', type: 'cash.transfer', at: '2026-11-23T09:30:00+08:00', payload: {} };

test('eventOf stamps actor and at in canonical key order, also around keys that sort between them', () => {
  for (const body of [{ amountFen: 1, from: 'p1', to: 'p2' }, { to: 'p2' }, { abc: 1 }, { aq: 1, ay: 2 }, { zz: 1 }, {}]) {
    const keys = Object.keys(eventOf(command, 'x', body).payload);
    assert.deepEqual(keys, [...keys].sort(), `body ${JSON.stringify(body)}`);
    assert.ok(keys.includes('actor') && keys.includes('at'));
  }
});

test('eventOf: the stamp wins over body keys named actor and at', () => {
  const payload = eventOf(command, 'x', { actor: 'forged', at: 'never', b: 1 }).payload;
  assert.deepEqual(payload, { actor: 'p1', at: '2026-11-23T09:30:00+08:00', b: 1 });
  assert.deepEqual(Object.keys(payload), ['actor', 'at', 'b']);
});
