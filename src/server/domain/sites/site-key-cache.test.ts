import { describe, expect, it } from "vitest";

import { createSiteKeyCache } from "@/server/domain/sites/site-key-cache";
import type { TTrackedSite } from "@/server/domain/sites/tracked-site";

const SITE: TTrackedSite = {
  id: "site_1",
  tenantId: "tnt_1",
  domain: "salon.ru",
  widgetUrlPatterns: ["klientiks.ru/app/"],
  captureContacts: false,
  phones: null,
  poolHoldMinutes: 15,
};

describe("createSiteKeyCache", () => {
  it("loads a key once per TTL, unknown keys included, and again after invalidation", async () => {
    let now = 0;
    const loads: string[] = [];
    const cache = createSiteKeyCache({
      ttlMs: 1000,
      maxEntries: 10,
      now: () => now,
      load: (key) => {
        loads.push(key);
        return Promise.resolve(key === "known" ? SITE : null);
      },
    });
    expect(
      await Promise.all([
        cache.get("known"),
        cache.get("known"),
        cache.get("nope"),
        cache.get("nope"),
      ]),
    ).toEqual([SITE, SITE, null, null]);
    expect(loads).toEqual(["known", "nope"]);
    now = 1001;
    await cache.get("known");
    cache.invalidate("known");
    await cache.get("known");
    expect(loads).toEqual(["known", "nope", "known", "known"]);
  });

  it("does not keep failed lookups, and evicts the oldest keys past maxEntries", async () => {
    const loads: string[] = [];
    let shouldFail = true;
    const cache = createSiteKeyCache({
      ttlMs: 60_000,
      maxEntries: 2,
      load: (key) => {
        loads.push(key);
        return shouldFail ? Promise.reject(new Error("db down")) : Promise.resolve(null);
      },
    });
    await expect(cache.get("a")).rejects.toThrow("db down");
    shouldFail = false;
    await cache.get("a");
    await cache.get("b");
    await cache.get("c");
    await cache.get("a");
    expect(loads).toEqual(["a", "a", "b", "c", "a"]);
  });
});
