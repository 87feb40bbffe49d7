// Offset pagination of klientiks-contract §5: default limit 50, clamped to 1000, and the response
// `offset` is the *next* offset (request offset + effective limit), on the last page too.

import type { EmptyItems, JsonValue } from "../types";
import { readParam, type RestPath } from "./url";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
export const NO_DATA = "No data";

/** `items` of an empty answer in the given shape. */
export const emptyItems = (shape: EmptyItems): JsonValue => (shape === "string" ? NO_DATA : []);

export type Page = { offset: number; limit: number };

const nonNegativeInteger = (value: string | null): number | null => {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
};

export const readPage = (path: RestPath, query: URLSearchParams): Page => {
  const offset = nonNegativeInteger(readParam(path, query, "offset")) ?? 0;
  const requested = nonNegativeInteger(readParam(path, query, "limit"));
  const limit =
    requested === null || requested === 0 ? DEFAULT_LIMIT : Math.min(requested, MAX_LIMIT);
  return { offset, limit };
};

/**
 * List envelope, key order as in the captured sample (§9.1). An empty page says `"No data"` (§4.1),
 * or `[]` on an account set so; `total_count` is only added for ACL lists. Only the returned page is
 * serialised.
 */
export const pageEnvelope = <Item>(
  all: readonly Item[],
  page: Page,
  toJson: (item: Item) => JsonValue,
  options: { empty: EmptyItems; withTotal?: boolean },
) => {
  const items = all.slice(page.offset, page.offset + page.limit).map(toJson);
  return {
    offset: page.offset + page.limit,
    items: items.length > 0 ? items : emptyItems(options.empty),
    count: items.length,
    limit: page.limit,
    ...(options.withTotal ? { total_count: all.length } : {}),
  };
};
