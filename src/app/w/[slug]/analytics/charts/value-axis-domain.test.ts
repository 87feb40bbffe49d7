import { describe, expect, it } from "vitest";

import { valueAxisDomain } from "./value-axis-domain";

describe("valueAxisDomain", () => {
  it("runs from zero to the highest value when none is negative", () => {
    expect(valueAxisDomain([3, 1, 2])).toEqual([0, 3]);
  });

  it("leaves room for a negative bar's label, in proportion to the whole range", () => {
    expect(valueAxisDomain([2, -0.4])).toEqual([-0.4 - 2.4 * 0.25, 2]);
  });

  it("ends at zero when every value is negative", () => {
    expect(valueAxisDomain([-1, -3])).toEqual([-3.75, 0]);
  });

  it("is a zero-width axis through zero with no values", () => {
    expect(valueAxisDomain([])).toEqual([0, 0]);
  });
});
