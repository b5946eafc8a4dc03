import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandRow, EventRow, PostingRow } from '../driver.js';
import { commandLines, copyable, eventLines, postingLines } from './copy.js';

const command: CommandRow = { seq: 7, actor: 'coop', key: 'k\t1', type: 'cash.transfer', at: '2026-11-23T09:30:00+08:00', payload: '{"note":"a\\\\b\\n"}', accepted: true, firstUse: false, firstEvent: 9, eventCount: 1 };
const event: EventRow = { seq: 9, actor: 'coop', key: 'k\t1', type: 'cash.transferred', payload: '{}', prevHash: '0'.repeat(64), hash: 'f'.repeat(64) };
const posting: PostingRow = { event: 9, n: 0, debit: 'P:coop:cash', credit: 'P:林:cash', asset: 'CNY', amount: 250, code: 'transfer' };

test('COPY lines: tab-separated, booleans t/f, and backslash, tab, newline, CR escaped', () => {
  assert.equal(commandLines([command]), '7\tcoop\tk\\t1\tcash.transfer\t2026-11-23T09:30:00+08:00\t{"note":"a\\\\\\\\b\\\\n"}\tt\tf\t9\t1\n');
  assert.equal(eventLines([event]), `9\tcoop\tk\\t1\tcash.transferred\t{}\t${'0'.repeat(64)}\t${'f'.repeat(64)}\n`);
  assert.equal(postingLines([posting, { ...posting, n: 1, code: 'a\r\nb' }]), '9\t0\tP:coop:cash\tP:林:cash\tCNY\t250\ttransfer\n9\t1\tP:coop:cash\tP:林:cash\tCNY\t250\ta\\r\\nb\n');
  assert.equal(commandLines([]), '');
});

test('a batch holding a lone surrogate anywhere is not copyable (it goes the JSON way)', () => {
  const rows = { commands: [command], events: [event], postings: [posting] };
  assert.equal(copyable(rows), true);
  assert.equal(copyable({ ...rows, commands: [{ ...command, payload: '"\ud800"' }] }), false);
  assert.equal(copyable({ ...rows, events: [{ ...event, type: 'x\udc00' }] }), false);
  assert.equal(copyable({ ...rows, postings: [{ ...posting, credit: '\ud83d' }] }), false);
  assert.equal(copyable({ ...rows, postings: [{ ...posting, credit: '😀' }] }), true, 'a surrogate pair is fine');
});
