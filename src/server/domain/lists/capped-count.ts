/**
 * List totals are exact up to this many rows; above it a list reports the cap with `isCountCapped`
 * ("больше 10 000"). Counting is linear in the matching rows and the tables refresh themselves while
 * open: an exact total of a million rows costs 60–200 ms on every refresh, the capped one a few ms
 * (`npm run bench:deals-table`). Past 400 pages of 25 people filter rather than page.
 */
export const LIST_COUNT_CAP = 10_000;

/** What to pass as `take` to a count so that it stops one row past the cap. */
export const COUNT_TAKE = LIST_COUNT_CAP + 1;

/** The page metadata of a list whose count was taken with `COUNT_TAKE`. */
export function pageOfCappedCount(
  countUpToCap: number,
  request: { page: number; perPage: number },
) {
  const count = Math.min(countUpToCap, LIST_COUNT_CAP);
  return {
    count,
    isCountCapped: countUpToCap > LIST_COUNT_CAP,
    currentPage: request.page,
    perPage: request.perPage,
    totalPages: Math.max(1, Math.ceil(count / request.perPage)),
  };
}
