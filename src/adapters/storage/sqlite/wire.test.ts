import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BatchRows } from '../driver.js';
import { flatten } from './insert.js';
import { decodeBatch, encodeBatch } from './wire.js';

const text = fc.string({ maxLength: 12 });
const int = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const batch: fc.Arbitrary<BatchRows> = fc.record({
  commands: fc.array(fc.record({ seq: int, actor: text, key: text, type: text, at: text, payload: text, accepted: fc.boolean(), firstUse: fc.boolean(), firstEvent: int, eventCount: fc.nat(9) }), { maxLength: 5 }),
  events: fc.array(fc.record({ seq: int, actor: text, key: text, type: text, payload: text, prevHash: text, hash: text }), { maxLength: 5 }),
  postings: fc.array(fc.record({ event: int, n: fc.nat(9), debit: text, credit: text, asset: text, amount: int, code: text }), { maxLength: 5 }),
  responses: fc.array(fc.record({ principal: text, key: text, fingerprint: text, status: fc.nat(599), contentType: text, body: text, createdAt: text }), { maxLength: 2 }),
});

test('a batch crosses to the writer thread as the same flat rows (property)', () => {
  fc.assert(fc.property(batch, (rows) => {
    const { wire } = encodeBatch(rows);
    // Through structured clone, as postMessage carries it.
    assert.deepEqual(decodeBatch(structuredClone(wire)), flatten(rows));
  }), { numRuns: 300 });
});

test('texts travel joined; a text holding the separator sends its batch the plain way', () => {
  const rows: BatchRows = {
    commands: [{ seq: 1, actor: 'coop', key: 'k1', type: 'cash.deposit', at: '2026-11-23T09:30:00+08:00', payload: '{"amountFen":5}', accepted: true, firstUse: true, firstEvent: 1, eventCount: 1 }],
    events: [{ seq: 1, actor: 'coop', key: 'k1', type: 'cash.deposited', payload: '{}', prevHash: '0'.repeat(64), hash: 'a'.repeat(64) }],
    postings: [{ event: 1, n: 0, debit: 'X:bank', credit: 'P:coop:cash', asset: 'CNY', amount: 5, code: 'deposit' }],
  };
  const joined = encodeBatch(rows);
  assert.equal(joined.wire.kind, 'joined');
  assert.equal(joined.transfer.length, 1);
  assert.deepEqual(decodeBatch(joined.wire), flatten(rows));
  const odd = { ...rows, commands: [{ ...rows.commands[0]!, key: 'k\u00001' }] };
  const plain = encodeBatch(odd);
  assert.equal(plain.wire.kind, 'flat');
  assert.deepEqual(decodeBatch(plain.wire), flatten(odd));
});

test('a joined batch with a text missing is refused on the writer thread, not written shifted', () => {
  const { wire } = encodeBatch({ commands: [], events: [{ seq: 1, actor: 'a', key: 'k', type: 't', payload: '{}', prevHash: 'p', hash: 'h' }], postings: [] });
  assert.equal(wire.kind, 'joined');
  if (wire.kind !== 'joined') return;
  assert.throws(() => decodeBatch({ ...wire, text: wire.text.slice(0, wire.text.lastIndexOf('\u0000')) }), /carried 5 texts, expected 6/);
});
