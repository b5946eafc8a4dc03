import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { marketEvent, sortKeys } from './context.js';

test('marketEvent: the body with actor and time, keys sorted, undefined values left out (as sortKeys of the spread body)', () => {
  const key = fc.constantFrom('actor', 'at', 'side', 'priceFen', 'quantityT', 'orderId', 'aggressor', 'amount', 'zone', 'b');
  const value = fc.oneof(fc.constant(undefined), fc.integer(), fc.string(), fc.array(fc.integer(), { maxLength: 2 }));
  fc.assert(fc.property(fc.dictionary(key, value), fc.string(), fc.string(), (body, actor, at) => {
    const command = { key: 'k', actor, type: 'order.place', at, payload: {} };
    const event = marketEvent(command, 'order.accepted', body);
    const expected = sortKeys({ ...body, actor, at });
    assert.equal(event.type, 'order.accepted');
    assert.deepEqual(event.payload, expected);
    assert.deepEqual(Object.keys(event.payload), Object.keys(expected), 'the same key order');
    assert.equal(JSON.stringify(event.payload), JSON.stringify(expected));
  }));
});
