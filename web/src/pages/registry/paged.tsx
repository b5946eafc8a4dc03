/**
 * Registry lists read a page at a time (docs/http.md, Paging): the first page when the list opens,
 * the next appended by a "more" button while the last page had a next_cursor.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, getJson } from '../../api.js';
import { Problems } from '../../components/problems.js';
import { useI18n } from '../../i18n/index.js';
import type { Page } from './types.js';

export interface PagedList<T> {
  /** The rows read so far; null until the first page comes. */
  readonly items: T[] | null;
  /** The first page's failure (nothing to show), or the last "more"'s (the rows stay). */
  readonly failure: ApiFailure | null;
  /** Reads the next page and appends it; null on the last page. */
  readonly more: (() => void) | null;
  readonly loading: boolean;
}

const withCursor = (path: string, cursor: string): string => `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;

/** `path` (with its query) a page at a time; read afresh when `version` changes (after a change the list shows). */
export function usePagedList<T>(path: string, version = 0): PagedList<T> {
  const [list, setList] = useState<{ items: T[]; next: string | null } | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [loading, setLoading] = useState(false);
  // The list's opening: a "more" answer for an earlier one (the page was closed or the list read
  // afresh meanwhile; it came late) is dropped, as it would append rows of another list.
  const opening = useRef(0);
  // A list read afresh (`version`) stays on screen until its new first page comes; another list goes at once.
  const shownPath = useRef(path);
  useEffect(() => {
    if (shownPath.current !== path) setList(null);
    shownPath.current = path;
    setFailure(null);
    setLoading(false);
    // An answer that comes after the page closed or the path changed is dropped.
    let current = true;
    getJson<Page<T>>(path).then(
      (page) => { if (current) setList({ items: page.items, next: page.next_cursor }); },
      (cause) => { if (current) setFailure(cause instanceof ApiFailure ? cause : null); },
    );
    return () => { current = false; opening.current++; };
  }, [path, version]);
  const cursor = list?.next ?? null;
  const more = cursor === null ? null : () => {
    if (loading) return;
    const opened = opening.current;
    setLoading(true);
    setFailure(null);
    getJson<Page<T>>(withCursor(path, cursor)).then((page) => {
      if (opened !== opening.current) return;
      setLoading(false);
      // Only onto the rows the cursor ends: never the same page twice.
      setList((shown) => (shown !== null && shown.next === cursor ? { items: [...shown.items, ...page.items], next: page.next_cursor } : shown));
    }, (cause) => {
      if (opened !== opening.current) return;
      setLoading(false);
      setFailure(cause instanceof ApiFailure ? cause : null);
    });
  };
  return { items: list?.items ?? null, failure, more, loading };
}

/**
 * Under a list's table (or in its place, before a first page): the list's failure, the first
 * page's or a "more"'s, and the button while there is a next page.
 */
export function MoreButton({ list, name }: { list: PagedList<unknown>; name: string }) {
  const { t } = useI18n();
  return (
    <>
      {list.failure !== null ? <Problems failure={list.failure} /> : null}
      {list.more !== null ? <p class="buttons"><button type="button" class={`more ${name}`} disabled={list.loading} onClick={list.more}>{t('more')}</button></p> : null}
    </>
  );
}

/** Every page of `path`, following next_cursor: for short lists wanted whole (the projects in a select). */
export async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await getJson<Page<T>>(cursor === null ? path : withCursor(path, cursor));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return items;
}
