import { describe, expect, it } from "vitest";

import { parseAmountMinor } from "@/server/domain/analytics/costs/cost-amount";

import { toAmountText } from "./amount-text";

describe("toAmountText", () => {
  it("writes what the server reads back, in either locale", () => {
    for (const minor of [0n, 5n, 1_500_000n, 123_450n, 123_456_789n])
      for (const locale of ["ru", "en"])
        expect(parseAmountMinor(toAmountText(minor, locale))).toBe(minor);
    expect(toAmountText(123_450n, "ru")).toBe("1234,50");
    expect(toAmountText(1_500_000n, "en")).toBe("15000");
  });
});
