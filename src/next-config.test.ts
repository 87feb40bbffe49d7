import { readdirSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import nextConfig from "../next.config.mjs";

const APP_DIR = path.join(import.meta.dirname, "app");
const SAMPLE_TOKEN = "q8Xk2mZpL0vN4rT6yB1cD3fG5hJ7kL9nP2sU4wY6aC8";
/** Folder names of a secret token segment (Mango's receiver names it `[endpointToken]`). */
const TOKEN_SEGMENTS = new Set(["[token]", "[endpointToken]"]);

/** Every page or route under src/app, as a sample request path (a dynamic segment gets a sample value). */
function appPaths(
  directory = APP_DIR,
  segments: string[] = [],
): { path: string; carriesToken: boolean }[] {
  const entries = readdirSync(directory, { withFileTypes: true });
  const here = entries.some((entry) => entry.isFile() && /^(page|route)\.tsx?$/.test(entry.name))
    ? [
        {
          path: `/${segments
            .filter((segment) => !segment.startsWith("("))
            .map((segment) =>
              TOKEN_SEGMENTS.has(segment) ? SAMPLE_TOKEN : segment.replace(/^\[.*\]$/, "sample"),
            )
            .join("/")}`,
          carriesToken: segments.some((segment) => TOKEN_SEGMENTS.has(segment)),
        },
      ]
    : [];
  return [
    ...here,
    ...entries
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => appPaths(path.join(directory, entry.name), [...segments, entry.name])),
  ];
}

const { logging } = nextConfig;
const ignorePatterns =
  logging && typeof logging.incomingRequests === "object"
    ? (logging.incomingRequests.ignore ?? [])
    : [];
const ignored = (url: string) => ignorePatterns.some((pattern) => pattern.test(url));

describe("Next's development request log", () => {
  it("skips every route whose path carries a token (webhooks, invites), with its query", () => {
    const carrying = appPaths().filter((route) => route.carriesToken);
    expect(carrying.map((route) => route.path)).toEqual(
      expect.arrayContaining([
        `/api/webhooks/klientiks/${SAMPLE_TOKEN}`,
        `/api/webhooks/mango/${SAMPLE_TOKEN}/sample`,
        `/invite/${SAMPLE_TOKEN}`,
      ]),
    );
    for (const route of carrying)
      expect(ignored(`${route.path}?appointment_id=1&status=scheduled`), route.path).toBe(true);
  });

  it("skips the sign-in link that leads back to an invite", () => {
    expect(ignored(`/sign-in?next=${encodeURIComponent(`/invite/${SAMPLE_TOKEN}`)}`)).toBe(true);
  });

  it("keeps logging every other page and route", () => {
    const others = appPaths().filter((route) => !route.carriesToken);
    expect(others.length).toBeGreaterThan(5);
    for (const route of others) expect(ignored(route.path), route.path).toBe(false);
  });

  it("hides the dev indicator that covers «Выйти»", () => {
    expect(nextConfig.devIndicators).toBe(false);
  });
});
