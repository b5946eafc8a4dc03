import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockBook } from './blocks.js';

test('a head move splits the block: the receiver gets the lowest serials', () => {
  const book = new BlockBook();
  assert.equal(book.issue('P:a:units', 'X1', 2024, 1, 100), null);
  assert.equal(book.move({ projectId: 'X1', vintage: 2024, start: 1, end: 30, from: 'P:a:units', to: 'P:b:units' }), null);
  assert.deepEqual(book.listOf('P:a:units').map((b) => [b.start, b.end]), [[31, 100]]);
  assert.deepEqual(book.listOf('P:b:units').map((b) => [b.start, b.end]), [[1, 30]]);
  // A middle range splits into three.
  assert.equal(book.move({ projectId: 'X1', vintage: 2024, start: 50, end: 60, from: 'P:a:units', to: 'P:b:units' }), null);
  assert.deepEqual(book.listOf('P:a:units').map((b) => [b.start, b.end]), [[31, 49], [61, 100]]);
  assert.deepEqual(book.listOf('P:b:units').map((b) => [b.start, b.end]), [[1, 30], [50, 60]]);
});

test('refusals: not held, past the block, terminal accounts, serial gaps', () => {
  const book = new BlockBook();
  book.issue('P:a:units', 'X1', 2024, 1, 10);
  assert.match(book.move({ projectId: 'X1', vintage: 2024, start: 1, end: 5, from: 'P:b:units', to: 'P:c:units' })!, /not P:b:units|is in P:a:units/);
  assert.match(book.move({ projectId: 'X1', vintage: 2024, start: 5, end: 11, from: 'P:a:units', to: 'P:c:units' })!, /runs past/);
  book.move({ projectId: 'X1', vintage: 2024, start: 1, end: 5, from: 'P:a:units', to: 'R:retired:voluntary' });
  assert.match(book.move({ projectId: 'X1', vintage: 2024, start: 1, end: 5, from: 'R:retired:voluntary', to: 'P:c:units' })!, /never move/);
  assert.match(book.issue('P:a:units', 'X1', 2025, 12, 20)!, /continue at 11/);
});

test('movable lists keep movement order: vintage, project id, serial start', () => {
  const book = new BlockBook();
  book.issue('P:a:units', 'B', 2023, 1, 5);
  book.issue('P:a:units', 'A', 2024, 1, 5);
  book.issue('P:a:units', 'A', 2023, 6, 9);
  assert.deepEqual(book.listOf('P:a:units').map((b) => `${b.vintage}/${b.projectId}/${b.start}`), ['2023/A/6', '2023/B/1', '2024/A/1']);
});
