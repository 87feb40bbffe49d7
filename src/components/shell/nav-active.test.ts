import { describe, expect, it } from "vitest";

import { isNavItemActive } from "@/components/shell/nav-active";

describe("isNavItemActive", () => {
  it("marks a section on its pages, and an exact one only on its own address", () => {
    expect(isNavItemActive("/w/salon/deals/deal_1", "/w/salon/deals")).toBe(true);
    expect(isNavItemActive("/w/salon/dealsx", "/w/salon/deals")).toBe(false);
    expect(isNavItemActive("/w/salon/analytics", "/w/salon/analytics", true)).toBe(true);
    expect(isNavItemActive("/w/salon/analytics/costs", "/w/salon/analytics", true)).toBe(false);
    expect(isNavItemActive("/w/salon/analytics/costs", "/w/salon/analytics/costs")).toBe(true);
  });
});
