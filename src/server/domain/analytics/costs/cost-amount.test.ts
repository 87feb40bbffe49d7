import { describe, expect, it } from "vitest";

import { parseAmountMinor } from "./cost-amount";

describe("parseAmountMinor", () => {
  it.each([
    ["15000", 1_500_000n],
    ["1 234,50", 123_450n],
    ["1234.5", 123_450n],
    ["1\u00a0234\u202f567,05", 123_456_705n],
    ["  7 ", 700n],
    ["0", 0n],
    ["-0", 0n],
  ])("reads %j as %s kopecks", (text, minor) => expect(parseAmountMinor(text)).toBe(minor));

  it.each([
    ["", "amountEmpty"],
    ["  ", "amountEmpty"],
    ["-1", "amountNegative"],
    ["1,234.50", "amountNotNumber"],
    ["1.005", "amountNotNumber"],
    ["12 ₽", "amountNotNumber"],
    ["1e5", "amountNotNumber"],
    ["1000000001", "amountTooBig"],
  ])("refuses %j: %s", (text, problem) => expect(parseAmountMinor(text)).toBe(problem));
});
