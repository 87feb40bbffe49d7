import { KlientiksError } from "./errors";

/** One page as the paginator sees it: parsed items and what the envelope said (klientiks-contract §4.1, §5). */
export type TKlientiksPage<TItem> = {
  items: readonly TItem[];
  /** How many items the page held before parsing; drives the end-of-list and next-offset rules. */
  rawCount: number;
  /** The response `offset`, or `null` when absent. */
  offset: number | null;
  /** The response `limit`, or `null` when absent. */
  limit: number | null;
};

export type TPaginateKlientiksOptions<TItem> = {
  /** The `limit` we ask for. */
  pageSize: number;
  fetchPage: (offset: number, limit: number) => Promise<TKlientiksPage<TItem>>;
  getId: (item: TItem) => number;
  /** §5 safety cap; a list that has not ended by then is treated as a broken answer. */
  maxPages?: number;
};

/** §5: 2,000 pages, i.e. a million rows at the bulk page size. */
export const KLIENTIKS_MAX_PAGES = 2_000;

/**
 * Yields every item of an offset-paginated Klientiks list once (klientiks-contract §5).
 *
 * - Next offset: the response `offset` when it is greater than the one we sent (the emulator, like
 *   K7's capture, reports the next offset), otherwise our offset + the page's item count, so a
 *   server that echoes or rewinds the offset can never make us loop (§16 item 6).
 * - End: a page with fewer items than the effective limit, or an empty page. The effective limit
 *   is the one the response reports, because the server may clamp ours (§16 item 7).
 * - Items are de-duplicated by id, because rows can move between pages while we page.
 * - After `maxPages` pages without an end, throws a non-retriable `bad_response`, which alerts.
 */
export async function* paginateKlientiks<TItem>({
  pageSize,
  fetchPage,
  getId,
  maxPages = KLIENTIKS_MAX_PAGES,
}: TPaginateKlientiksOptions<TItem>): AsyncGenerator<TItem, void, undefined> {
  const seenIds = new Set<number>();
  let offset = 0;
  for (let pageNumber = 0; pageNumber < maxPages; pageNumber += 1) {
    const page = await fetchPage(offset, pageSize);
    for (const item of page.items) {
      const id = getId(item);
      if (seenIds.has(id)) continue;
      seenIds.add(id);
      yield item;
    }
    const effectiveLimit = page.limit !== null && page.limit > 0 ? page.limit : pageSize;
    if (page.rawCount === 0 || page.rawCount < effectiveLimit) return;
    offset = page.offset !== null && page.offset > offset ? page.offset : offset + page.rawCount;
  }
  throw new KlientiksError({
    kind: "bad_response",
    message: `Klientiks pagination did not end after ${maxPages} pages (last offset ${offset})`,
  });
}
