/** Paging a list already in key order (`pageFrom`) gives the pages `paginate` gives of the same items, either way round. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cursorAfter, pageFrom, paginate } from './paging.js';

test('walking pages with pageFrom, filter and all, oldest or newest first, gives paginate\u2019s pages and cursors', () => {
  fc.assert(fc.property(fc.uniqueArray(fc.nat(500), { maxLength: 80 }), fc.integer({ min: 1, max: 12 }), fc.nat(4), fc.boolean(), (values, limit, modulus, newestFirst) => {
    const keyOf = (v: number): string => String(v).padStart(6, '0');
    const accept = (v: number): boolean => modulus === 0 || v % (modulus + 1) !== 0;
    const sorted = [...values].sort((a, b) => (newestFirst ? b - a : a - b));
    const beyond = (v: number, after: string | null): boolean => after === null || (newestFirst ? keyOf(v) < after : keyOf(v) > after);
    const walked: number[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages <= values.length + 1; pages++) {
      const query = { limit, ...(cursor === undefined ? {} : { cursor }) };
      const expected = paginate(values.filter(accept), keyOf, query, { newestFirst });
      const after = cursorAfter(query);
      assert.ok(expected.ok && after.ok);
      const got = pageFrom(sorted.filter((v) => beyond(v, after.value)), keyOf, accept, limit);
      assert.deepEqual(got, expected.value);
      walked.push(...got.items);
      if (got.next_cursor === null) {
        // Every accepted item once, in key order or its reverse.
        assert.deepEqual(walked, sorted.filter(accept));
        return;
      }
      cursor = got.next_cursor;
    }
    assert.fail('more pages than items');
  }), { numRuns: 300 });
});

test('a cursor this API did not give out is refused, naming the field', () => {
  const after = cursorAfter({ limit: 5, cursor: 'nonsense' });
  assert.equal(after.ok ? null : after.error.field, 'cursor');
});
