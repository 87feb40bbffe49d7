import { describe, expect, it } from "vitest";

import { createExpiringMap } from "@/lib/expiring-map";

describe("createExpiringMap", () => {
  it("keeps a value for its TTL and forgets it after", () => {
    let clock = 0;
    const map = createExpiringMap<string>({ ttlMs: 100, maxEntries: 10, now: () => clock });
    map.set("a", "x");
    clock = 99;
    expect(map.get("a")).toBe("x");
    clock = 100;
    expect(map.get("a")).toBeUndefined();
  });

  it("evicts the oldest entries past the limit, counting a refreshed key as new", () => {
    const map = createExpiringMap<number>({ ttlMs: 1000, maxEntries: 2 });
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 3);
    map.set("c", 4);
    expect([map.get("a"), map.get("b"), map.get("c")]).toEqual([3, undefined, 4]);
  });

  it("forgets a deleted key", () => {
    const map = createExpiringMap<number>({ ttlMs: 1000, maxEntries: 2 });
    map.set("a", 1);
    map.delete("a");
    expect(map.get("a")).toBeUndefined();
  });
});
