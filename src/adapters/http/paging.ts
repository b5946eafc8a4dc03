/**
 * Cursor paging for list endpoints: `?cursor=…&limit=N` in, `{ items, next_cursor }` out.
 * The cursor is opaque to clients (base64url of the last key sent); lists are ordered by a
 * unique key, so a page boundary stays put when items are added before or after it.
 */
import { z } from 'zod';
import { mergedFrom } from '../../core/market/views.js';
import { type Result, ok, err } from '../../core/result.js';
import type { ApiProblem } from './errors.js';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

export const pageQuerySchema = z.strictObject({
  cursor: z.string().min(1).max(512).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT).describe(`items per page, at most ${MAX_PAGE_LIMIT}`),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

/** For lists in journal order that a reader wants from the latest (the tape, a trader's orders and trades, retirements). */
export const pageOrderSchema = z.enum(['oldest', 'newest']).default('oldest')
  .describe('oldest first (journal order, the default) or newest first; a next_cursor continues in the order it was given in');

export function pageSchema<S extends z.ZodType>(item: S) {
  return z.object({
    items: z.array(item),
    next_cursor: z.string().nullable().describe('pass as ?cursor= for the next page; null on the last page'),
  });
}

export function encodeCursor(afterKey: string): string {
  return Buffer.from(JSON.stringify({ after: afterKey }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Result<string, ApiProblem> {
  const bad = err({ code: 'bad_cursor' as const, field: 'cursor', message: 'not a cursor this API gave out: pass next_cursor unchanged' });
  try {
    const data: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (data !== null && typeof data === 'object' && typeof (data as { after?: unknown }).after === 'string') return ok((data as { after: string }).after);
    return bad;
  } catch {
    return bad;
  }
}

/**
 * One page of `items` in the order of `keyOf` (unique, compared as strings), or in the reverse
 * order with `newestFirst` (the page starts before the cursor's key, so a next_cursor continues
 * downwards). A store that lists from a database does the same with
 * `WHERE key > after ORDER BY key LIMIT n + 1` (`key < after ORDER BY key DESC` newest first).
 */
export function paginate<T>(unsorted: readonly T[], keyOf: (item: T) => string, query: PageQuery, options: { newestFirst?: boolean } = {}): Result<{ items: T[]; next_cursor: string | null }, ApiProblem> {
  const down = options.newestFirst === true;
  const keyed = unsorted.map((item) => ({ key: keyOf(item), item }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * (down ? -1 : 1));
  let start = 0;
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    if (!after.ok) return after;
    start = keyed.findIndex(({ key }) => (down ? key < after.value : key > after.value));
    if (start < 0) start = keyed.length;
  }
  const page = keyed.slice(start, start + query.limit);
  const last = page.at(-1);
  const more = start + query.limit < keyed.length;
  return ok({ items: page.map(({ item }) => item), next_cursor: more && last !== undefined ? encodeCursor(last.key) : null });
}

/**
 * One page of the items that lists kept in key order hold (an item may be in several), in key
 * order or newest first as the query asks, those `accept` refuses skipped: merged from the
 * cursor on, read only as far as the page goes.
 */
export function pageOfLists<T>(lists: readonly (readonly T[])[], keyOf: (item: T) => string, accept: (item: T) => boolean, query: PageQuery & { readonly order: 'oldest' | 'newest' }): Result<{ items: T[]; next_cursor: string | null }, ApiProblem> {
  const after = cursorAfter(query);
  if (!after.ok) return after;
  return ok(pageFrom(mergedFrom(lists, keyOf, after.value, query.order === 'newest'), keyOf, accept, query.limit));
}

/** The key a page starts after: the cursor's, or null for the first page. */
export function cursorAfter(query: PageQuery): Result<string | null, ApiProblem> {
  return query.cursor === undefined ? ok(null) : decodeCursor(query.cursor);
}

/**
 * One page of items that come already in key order and after the cursor (`cursorAfter`), those
 * `accept` refuses skipped: the page `paginate` gives, reading only as far as the page goes.
 */
export function pageFrom<T>(sorted: Iterable<T>, keyOf: (item: T) => string, accept: (item: T) => boolean, limit: number): { items: T[]; next_cursor: string | null } {
  const items: T[] = [];
  for (const item of sorted) {
    if (!accept(item)) continue;
    if (items.length === limit) return { items, next_cursor: encodeCursor(keyOf(items[limit - 1]!)) };
    items.push(item);
  }
  return { items, next_cursor: null };
}
