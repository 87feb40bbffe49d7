import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";

import { config } from "@/proxy";

const passesThroughGate = (path: string) =>
  unstable_doesMiddlewareMatch({ config, url: `http://localhost:3000${path}` });

describe("proxy matcher", () => {
  it("gates pages, exports and tRPC", () => {
    for (const path of [
      "/",
      "/w/salon/deals",
      "/w/salon/leads?page=2",
      "/api/export/leads",
      "/api/trpc/sites.list",
      "/sign-in",
    ])
      expect(passesThroughGate(path), path).toBe(true);
  });

  it("leaves machine endpoints and static files alone", () => {
    for (const path of [
      "/api/track",
      "/t.js",
      "/api/webhooks/klientiks/abc?appointment_id=1",
      "/api/inngest",
      "/api/health",
      "/api/health/live",
      "/_next/static/chunk.js",
      "/favicon.ico",
      "/icon.svg?a1b2c3",
      "/apple-icon.png?a1b2c3",
      "/icons/icon-192.png",
      "/manifest.webmanifest",
      "/robots.txt",
    ]) {
      expect(passesThroughGate(path), path).toBe(false);
    }
  });

  it("does not mistake a longer name for a machine endpoint", () => {
    for (const path of ["/api/tracking", "/api/healthy", "/t.json", "/robots.txt.bak"])
      expect(passesThroughGate(path), path).toBe(true);
  });
});
