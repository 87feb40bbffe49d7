/**
 * The search box of every table (deals, leads, and each table after them), as Russians type into
 * it (docs/table-search.md): ё and е are one letter, and a phone is found however it is written
 * (`89991234567`, `+7 (999) 123-45-67`, `8 999 123 45 67`, or any run of its digits).
 *
 * A table keeps a `searchText` column, written with `searchTextOf` and indexed with trigrams, and
 * filters it with `searchTextWhere`. Both sides fold text the same way, so `contains` is enough.
 */

/** Lower case, ё as е: what both the stored text and the query are compared in. */
export const foldSearchText = (text: string): string => text.toLowerCase().replaceAll("ё", "е");

/** The digits of a number (E.164 when stored) as people type it: a Russian one also with 8 instead of +7. */
export function phoneSearchForms(phone: string): string[] {
  const digits = phone.replace(/\D/g, "");
  return /^7\d{10}$/.test(digits) ? [digits, `8${digits.slice(1)}`] : [digits];
}

/**
 * The `searchText` of a row: its texts (names, e-mails, …) folded, then the search forms of its
 * phones. The backfill of migration 20261203062000_tracker_table_search writes the same.
 */
export function searchTextOf(
  texts: readonly (string | null | undefined)[],
  phones: readonly (string | null | undefined)[],
): string {
  const phoneForms = phones
    .filter((phone): phone is string => Boolean(phone))
    .flatMap(phoneSearchForms);
  return [foldSearchText(texts.filter(Boolean).join(" ")), ...phoneForms].filter(Boolean).join(" ");
}

/** A query made only of a phone's characters: digits with +, spaces, brackets, dashes or dots. */
const PHONE_QUERY = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

/** What a query is looked up as: a phone as its digits (the stored forms cover 8 and +7), other text folded. */
export const searchNeedleOf = (query: string): string =>
  PHONE_QUERY.test(query.trim()) ? query.replace(/\D/g, "") : foldSearchText(query.trim());

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The condition on a table's `searchText` for the search box's query; none for an empty query. */
export function searchTextWhere(
  query: string | undefined,
): { searchText: { contains: string } } | Record<string, never> {
  const needle = searchNeedleOf(query ?? "");
  return needle ? { searchText: { contains: escapeLike(needle) } } : {};
}
