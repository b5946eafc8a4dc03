import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type IdempotencyEntry, MemoryIdempotencyIndex, commandDigest } from './idempotency.js';

const entry = (firstSeq: number, accepted = true, eventCount = 1, digest = 7): IdempotencyEntry => ({ digest, accepted, firstSeq, eventCount });

test('an entry comes back as it was set; an unknown key or actor gives nothing', () => {
  const index = new MemoryIdempotencyIndex();
  index.set('coop', 'k1', entry(12, false, 3, 2 ** 52 + 5));
  assert.deepEqual(index.get('coop', 'k1'), entry(12, false, 3, 2 ** 52 + 5));
  assert.equal(index.get('coop', 'k2'), undefined);
  assert.equal(index.get('farmer', 'k1'), undefined);
});

test('the same key of two actors is two entries; setting again replaces the entry', () => {
  const index = new MemoryIdempotencyIndex();
  index.set('a', 'k', entry(1));
  index.set('b', 'k', entry(2));
  index.set('c', 'k', entry(3));
  index.set('b', 'k', entry(4, false));
  assert.equal(index.get('a', 'k')?.firstSeq, 1);
  assert.deepEqual(index.get('b', 'k'), entry(4, false));
  assert.equal(index.get('c', 'k')?.firstSeq, 3);
});

test('the index agrees with a Map of Maps across growth and rehashing (property)', () => {
  fc.assert(fc.property(
    fc.array(fc.record({ actor: fc.constantFrom('a', 'b', 'c', 'ab', ''), key: fc.string({ maxLength: 6 }), seq: fc.nat(), accepted: fc.boolean(), count: fc.nat(50) }), { maxLength: 300 }),
    (ops) => {
      const index = new MemoryIdempotencyIndex();
      const model = new Map<string, Map<string, IdempotencyEntry>>();
      for (const op of ops) {
        const e = entry(op.seq, op.accepted, op.count, op.seq * 3);
        index.set(op.actor, op.key, e);
        if (!model.has(op.actor)) model.set(op.actor, new Map());
        model.get(op.actor)!.set(op.key, e);
      }
      for (const op of ops) for (const actor of ['a', 'b', 'c', 'ab', '', 'zz']) assert.deepEqual(index.get(actor, op.key), model.get(actor)?.get(op.key));
    },
  ), { numRuns: 200 });
});

test('tens of thousands of keys stay findable after the table has grown many times', () => {
  const index = new MemoryIdempotencyIndex();
  for (let i = 0; i < 50_000; i++) index.set(`p${i % 97}`, `key-${i}`, entry(i + 1));
  for (let i = 0; i < 50_000; i += 7) assert.equal(index.get(`p${i % 97}`, `key-${i}`)?.firstSeq, i + 1);
  assert.equal(index.get('p1', 'key-0'), undefined);
});

test('the digest tells type and payload apart, ignores nothing else, and fits in 53 bits', () => {
  const d = commandDigest('cash.transfer', '{"amountFen":1,"to":"p1"}');
  assert.equal(d, commandDigest('cash.transfer', '{"amountFen":1,"to":"p1"}'));
  assert.notEqual(d, commandDigest('cash.transfer', '{"amountFen":2,"to":"p1"}'));
  assert.notEqual(d, commandDigest('cash.deposit', '{"amountFen":1,"to":"p1"}'));
  assert.notEqual(commandDigest('ab', 'c'), commandDigest('a', 'bc'));
  assert.ok(Number.isSafeInteger(d) && d >= 0);
  const seen = new Set<number>();
  for (let i = 0; i < 100_000; i++) seen.add(commandDigest('order.place', `{"priceFen":${i}}`));
  assert.equal(seen.size, 100_000, 'no collision among 100,000 nearby payloads');
});
