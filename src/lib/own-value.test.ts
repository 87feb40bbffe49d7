import { describe, expect, it } from "vitest";

import { ownValue } from "@/lib/own-value";

describe("ownValue", () => {
  const channels: Readonly<Record<string, string>> = { cpc: "paid", email: "email" };

  it("reads the record's own keys", () => {
    expect(ownValue(channels, "cpc")).toBe("paid");
    expect(ownValue(channels, "organic")).toBeUndefined();
  });

  it("finds nothing under the names of Object's prototype", () => {
    for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"])
      expect(ownValue(channels, key), key).toBeUndefined();
  });
});
