import { describe, expect, it } from "vitest";

import { COUNT_TAKE, LIST_COUNT_CAP, pageOfCappedCount } from "@/server/domain/lists/capped-count";

describe("pageOfCappedCount", () => {
  it("reports an exact total under the cap", () => {
    expect(pageOfCappedCount(51, { page: 2, perPage: 25 })).toEqual({
      count: 51,
      isCountCapped: false,
      currentPage: 2,
      perPage: 25,
      totalPages: 3,
    });
  });

  it("reports exactly the cap as exact", () => {
    expect(pageOfCappedCount(LIST_COUNT_CAP, { page: 1, perPage: 25 })).toMatchObject({
      count: LIST_COUNT_CAP,
      isCountCapped: false,
      totalPages: 400,
    });
  });

  it("reports one row past the cap as capped, with the pages of the cap", () => {
    expect(pageOfCappedCount(COUNT_TAKE, { page: 1, perPage: 50 })).toMatchObject({
      count: LIST_COUNT_CAP,
      isCountCapped: true,
      totalPages: 200,
    });
  });

  it("keeps one page for an empty list", () => {
    expect(pageOfCappedCount(0, { page: 1, perPage: 25 })).toMatchObject({
      count: 0,
      isCountCapped: false,
      totalPages: 1,
    });
  });
});
