// Sections (§) are those of docs/klientiks-contract.md.
import { describe, expect, it } from "vitest";

import { KlientiksError } from "./errors";
import { KLIENTIKS_MAX_PAGES, paginateKlientiks, type TKlientiksPage } from "./paginate";

type TRow = { id: number };

const rows = (...ids: number[]): TRow[] => ids.map((id) => ({ id }));

/** Serves the given pages in order and records the offset and limit of every request. */
const scriptedPages = (
  pages: Array<Omit<TKlientiksPage<TRow>, "rawCount"> & { rawCount?: number }>,
) => {
  const requests: Array<{ offset: number; limit: number }> = [];
  const fetchPage = async (offset: number, limit: number): Promise<TKlientiksPage<TRow>> => {
    requests.push({ offset, limit });
    const page = pages[requests.length - 1];
    if (page === undefined) throw new Error(`unexpected request #${requests.length}`);
    return { rawCount: page.items.length, ...page };
  };
  return { requests, fetchPage };
};

const collect = async (items: AsyncIterable<TRow>): Promise<number[]> => {
  const ids: number[] = [];
  for await (const item of items) ids.push(item.id);
  return ids;
};

const paginate = (
  fetchPage: (offset: number, limit: number) => Promise<TKlientiksPage<TRow>>,
  pageSize = 2,
  maxPages?: number,
) =>
  paginateKlientiks({
    pageSize,
    fetchPage,
    getId: (row) => row.id,
    ...(maxPages === undefined ? {} : { maxPages }),
  });

describe("paginateKlientiks", () => {
  it("follows the response offset when it moves forward and stops on a short page", async () => {
    const { requests, fetchPage } = scriptedPages([
      { items: rows(1, 2), offset: 2, limit: 2 },
      { items: rows(3, 4), offset: 4, limit: 2 },
      { items: rows(5), offset: 6, limit: 2 },
    ]);
    expect(await collect(paginate(fetchPage))).toEqual([1, 2, 3, 4, 5]);
    expect(requests).toEqual([
      { offset: 0, limit: 2 },
      { offset: 2, limit: 2 },
      { offset: 4, limit: 2 },
    ]);
  });

  it("uses its own offset + count when the response offset is missing, echoed or goes backwards (§16 item 6)", async () => {
    const { requests, fetchPage } = scriptedPages([
      { items: rows(1, 2), offset: null, limit: 2 },
      { items: rows(3, 4), offset: 2, limit: 2 },
      { items: rows(5, 6), offset: 0, limit: 2 },
      { items: [], offset: null, limit: 2 },
    ]);
    expect(await collect(paginate(fetchPage))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(requests.map((request) => request.offset)).toEqual([0, 2, 4, 6]);
  });

  it("stops on an empty page", async () => {
    const { requests, fetchPage } = scriptedPages([
      { items: rows(1, 2), offset: 2, limit: 2 },
      { items: [], offset: 4, limit: 2 },
    ]);
    expect(await collect(paginate(fetchPage))).toEqual([1, 2]);
    expect(requests).toHaveLength(2);
  });

  it("compares the page with the limit the server reports, which may be clamped below ours (§16 item 7)", async () => {
    const { requests, fetchPage } = scriptedPages([
      { items: rows(1, 2), offset: 2, limit: 2 },
      { items: rows(3), offset: 3, limit: 2 },
    ]);
    expect(await collect(paginate(fetchPage, 500))).toEqual([1, 2, 3]);
    expect(requests).toEqual([
      { offset: 0, limit: 500 },
      { offset: 2, limit: 500 },
    ]);
  });

  it("counts items that failed to parse when deciding whether a page was full", async () => {
    const { requests, fetchPage } = scriptedPages([
      { items: rows(1), rawCount: 2, offset: null, limit: null },
      { items: rows(3), rawCount: 1, offset: null, limit: null },
    ]);
    expect(await collect(paginate(fetchPage))).toEqual([1, 3]);
    expect(requests.map((request) => request.offset)).toEqual([0, 2]);
  });

  it("yields each id once when rows move between pages", async () => {
    const { fetchPage } = scriptedPages([
      { items: rows(1, 2), offset: 2, limit: 2 },
      { items: rows(2, 3), offset: 4, limit: 2 },
      { items: rows(1), offset: 6, limit: 2 },
    ]);
    expect(await collect(paginate(fetchPage))).toEqual([1, 2, 3]);
  });

  it(`gives up with a non-retriable bad_response after ${KLIENTIKS_MAX_PAGES} pages`, async () => {
    let requestCount = 0;
    const endless = async (offset: number): Promise<TKlientiksPage<TRow>> => {
      requestCount += 1;
      return { items: rows(offset + 1), rawCount: 1, offset: offset + 1, limit: 1 };
    };
    const error = await collect(paginate(endless, 1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KlientiksError);
    expect(error).toMatchObject({ kind: "bad_response", isRetriable: false });
    expect(requestCount).toBe(KLIENTIKS_MAX_PAGES);
  });

  it("honours a smaller cap", async () => {
    const { requests, fetchPage } = scriptedPages([
      { items: rows(1, 2), offset: 2, limit: 2 },
      { items: rows(3, 4), offset: 4, limit: 2 },
    ]);
    await expect(collect(paginate(fetchPage, 2, 2))).rejects.toMatchObject({
      kind: "bad_response",
    });
    expect(requests).toHaveLength(2);
  });
});
