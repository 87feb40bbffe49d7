import { describe, expect, it } from "vitest";

import { isVisibleTo, parseLastEventId } from "@/server/realtime/realtime-event";

describe("parseLastEventId", () => {
  it.each([
    [null, null],
    [undefined, null],
    ["", null],
    ["  ", null],
    ["1", 1n],
    [" 42 ", 42n],
    ["9223372036854775807", 9_223_372_036_854_775_807n],
    ["0", undefined],
    ["-1", undefined],
    ["1e3", undefined],
    ["12abc", undefined],
    ["9223372036854775808", undefined],
    ["1".repeat(20), undefined],
  ])("%j → %s", (value, expected) => {
    expect(parseLastEventId(value)).toBe(expected);
  });
});

describe("isVisibleTo", () => {
  const audience = { tenantId: "tnt_a", membershipId: "mbr_1" };
  it("shows the workspace's events for everyone and for this member only", () => {
    expect(isVisibleTo({ tenantId: "tnt_a", membershipId: null }, audience)).toBe(true);
    expect(isVisibleTo({ tenantId: "tnt_a", membershipId: "mbr_1" }, audience)).toBe(true);
    expect(isVisibleTo({ tenantId: "tnt_a", membershipId: "mbr_2" }, audience)).toBe(false);
    expect(isVisibleTo({ tenantId: "tnt_b", membershipId: null }, audience)).toBe(false);
    expect(isVisibleTo({ tenantId: "tnt_b", membershipId: "mbr_1" }, audience)).toBe(false);
  });
});
