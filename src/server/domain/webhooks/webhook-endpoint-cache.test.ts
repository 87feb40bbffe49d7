import { describe, expect, it } from "vitest";

import { hashSecretToken } from "@/server/domain/invites/invite-token";
import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";

const TOKEN = "t".repeat(43);
const ENDPOINT: TWebhookEndpoint = {
  id: "whe_1",
  tenantId: "ten_1",
  connectionId: "con_1",
  purpose: "deals",
  retiresAt: null,
};

function cacheOver(endpoints: Record<string, TWebhookEndpoint>) {
  const clock = { now: 0 };
  const loads: string[] = [];
  const cache = createWebhookEndpointCache({
    ttlMs: 1000,
    maxEntries: 2,
    now: () => clock.now,
    load: async (tokenHash, at) => {
      loads.push(tokenHash);
      const endpoint = endpoints[tokenHash];
      return endpoint && (endpoint.retiresAt === null || endpoint.retiresAt > at) ? endpoint : null;
    },
  });
  return { cache, clock, loads };
}

describe("createWebhookEndpointCache", () => {
  it("looks a live token up once per TTL, by its hash", async () => {
    const { cache, clock, loads } = cacheOver({ [hashSecretToken(TOKEN)]: ENDPOINT });
    expect(await cache.resolve(TOKEN, new Date())).toEqual(ENDPOINT);
    expect(await cache.resolve(TOKEN, new Date())).toEqual(ENDPOINT);
    expect(loads).toEqual([hashSecretToken(TOKEN)]);
    clock.now = 1000;
    await cache.resolve(TOKEN, new Date());
    expect(loads).toHaveLength(2);
  });

  it("never keeps an unknown token, and does not look up one of the wrong shape", async () => {
    const { cache, loads } = cacheOver({});
    expect(await cache.resolve(TOKEN, new Date())).toBeNull();
    expect(await cache.resolve(TOKEN, new Date())).toBeNull();
    expect(loads).toHaveLength(2);
    expect(await cache.resolve("short", new Date())).toBeNull();
    expect(loads).toHaveLength(2);
  });

  it("stops answering for a replaced endpoint once it retires", async () => {
    const retiring = { ...ENDPOINT, retiresAt: new Date("2026-01-01T00:00:00Z") };
    const { cache } = cacheOver({ [hashSecretToken(TOKEN)]: retiring });
    expect(await cache.resolve(TOKEN, new Date("2025-12-31T23:59:59Z"))).toEqual(retiring);
    expect(await cache.resolve(TOKEN, new Date("2026-01-01T00:00:01Z"))).toBeNull();
  });
});
