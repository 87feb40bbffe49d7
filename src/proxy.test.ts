import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import {
  config,
  hasUnusableRouterState,
  isDecodablePath,
  MAX_NEXT_LENGTH,
  proxy,
  searchToKeep,
  signInRedirectPath,
} from "@/proxy";

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

  it("leaves machine endpoints and the app's own icons alone", () => {
    for (const path of [
      "/api/track",
      "/t.js",
      "/api/webhooks/klientiks/abc?appointment_id=1",
      "/api/inngest",
      "/api/health",
      "/api/health/live",
      "/_next/image?url=x",
      "/favicon.ico",
      "/icon.svg?a1b2c3",
      "/apple-icon.png?a1b2c3",
      "/manifest.webmanifest",
    ]) {
      expect(passesThroughGate(path), path).toBe(false);
    }
  });

  it("does not mistake a longer name for a machine endpoint", () => {
    for (const path of ["/api/tracking", "/api/healthy", "/t.json", "/robots.txt.bak"])
      expect(passesThroughGate(path), path).toBe(true);
  });
});

describe("static files", () => {
  const staticFiles = ["/_next/static/chunks/a.js", "/icons/icon-192.png", "/robots.txt"];

  it("come to the proxy, for their method", () => {
    for (const path of staticFiles) expect(passesThroughGate(path), path).toBe(true);
  });

  it("pass a GET or HEAD without a session and answer any other method 405", async () => {
    for (const path of staticFiles) {
      for (const method of ["GET", "HEAD"]) {
        const response = await proxy(new NextRequest(`http://localhost:3000${path}`, { method }));
        expect(response.headers.get("x-middleware-next"), `${method} ${path}`).toBe("1");
      }
      for (const method of ["POST", "PATCH", "DELETE", "OPTIONS"]) {
        const response = await proxy(new NextRequest(`http://localhost:3000${path}`, { method }));
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get("allow")).toBe("GET, HEAD");
      }
    }
  });

  it("drop the range and precondition headers Next's file server would answer 500 for", async () => {
    const response = await proxy(
      new NextRequest("http://localhost:3000/robots.txt", {
        headers: { range: "bytes=99999-", "if-match": '"x"', accept: "text/plain" },
      }),
    );
    const kept = response.headers.get("x-middleware-override-headers")?.split(",");
    expect(kept).toContain("accept");
    expect(kept).not.toContain("range");
    expect(kept).not.toContain("if-match");
  });
});

describe("paths Next cannot decode", () => {
  it("brings machine endpoints to the proxy only when their path has a %", () => {
    for (const path of [
      "/api/webhooks/klientiks/%FF",
      "/api/webhooks/zadarma/abc%",
      "/api/track/%C3%28",
      "/api/health/%ZZ",
    ])
      expect(passesThroughGate(path), path).toBe(true);
    expect(passesThroughGate("/api/webhooks/klientiks/abc?appointment_id=%FF")).toBe(false);
  });

  it("tells escapes of UTF-8 from a bare %, a broken escape and bytes that are not UTF-8", () => {
    for (const path of ["/w/salon", "/w/%D1%81%D0%B0%D0%BB%D0%BE%D0%BD", "/api/trpc/a%2Cb"])
      expect(isDecodablePath(path), path).toBe(true);
    for (const path of [
      "/api/trpc/%",
      "/w/%ZZ",
      "/api/auth/%FF",
      "/api/w/%C3%28/events",
      "/a%E0%A4%A",
    ])
      expect(isDecodablePath(path), path).toBe(false);
  });

  it("answers 400 naming the path, before the session gate and for machine endpoints too", async () => {
    for (const path of ["/api/webhooks/klientiks/0x%C3%281F", "/w/%FF/deals", "/api/trpc/%C0%AF"]) {
      const response = await proxy(new NextRequest(`http://localhost:3000${path}`));
      expect(response.status, path).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "VALIDATION", field: "path" } });
    }
  });

  it("lets a machine endpoint's decodable % through without a session", async () => {
    const response = await proxy(
      new NextRequest("http://localhost:3000/api/webhooks/zadarma/a%41b"),
    );
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("the sign-in redirect", () => {
  it("carries the address back in next", () => {
    expect(signInRedirectPath("/w/salon/deals", "?page=2")).toBe(
      "/sign-in?next=%2Fw%2Fsalon%2Fdeals%3Fpage%3D2",
    );
  });

  it("leaves out the _rsc cache key of a client-side navigation", () => {
    const search = (url: string) => searchToKeep(new NextRequest(`http://localhost:3000${url}`));
    expect(search("/w/salon/deals?page=2&_rsc=1x2y")).toBe("?page=2");
    expect(search("/w/salon/deals?_rsc=1x2y")).toBe("");
    expect(search("/w/salon/deals?q=%D1%8F")).toBe("?q=%D1%8F");
  });

  it("drops a query too long for a Location header, then a path too long", () => {
    const longQuery = `?q=${"я".repeat(MAX_NEXT_LENGTH)}`;
    expect(signInRedirectPath("/w/salon/deals", longQuery)).toBe(
      "/sign-in?next=%2Fw%2Fsalon%2Fdeals",
    );
    expect(signInRedirectPath(`/w/${"a".repeat(MAX_NEXT_LENGTH)}`, "")).toBe("/sign-in");
  });
});

describe("the router state of a client-side navigation", () => {
  const navigation = (state: string, rsc = "1") =>
    new Headers({ rsc, "next-router-state-tree": state });
  const VALID_STATE = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }]));

  it("is checked by Next's own parser when the request is a navigation", () => {
    expect(hasUnusableRouterState(navigation(VALID_STATE))).toBe(false);
    for (const state of ["%F4%84%A7%BA", "%5B%22%22%5D", "null", `${VALID_STATE}, ${VALID_STATE}`])
      expect(hasUnusableRouterState(navigation(state)), state).toBe(true);
  });

  it("is ignored on a request Next renders in full", () => {
    expect(hasUnusableRouterState(navigation("garbage", "0"))).toBe(false);
    expect(hasUnusableRouterState(new Headers({ rsc: "1" }))).toBe(false);
  });

  it("makes the proxy answer 400 naming the header, before the session gate", async () => {
    const response = await proxy(
      new NextRequest("http://localhost:3000/w/salon/deals", { headers: navigation("%%") }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: "next-router-state-tree" } });
  });
});
