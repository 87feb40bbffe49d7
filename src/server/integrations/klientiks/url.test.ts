// Sections (§) are those of docs/klientiks-contract.md.
import { describe, expect, it } from "vitest";

import { buildKlientiksUrl, redactKlientiksUrl } from "./url";

const credentials = {
  accountId: "a1b2c3d4e5f6",
  userId: "0f1e2d3c4b5a",
  accessToken: "0123456789abcdef0123456789abcdef",
};

describe("buildKlientiksUrl", () => {
  it("follows the §2 grammar with a trailing slash and the query after it", () => {
    const url = buildKlientiksUrl({
      baseUrl: "https://klientiks.ru",
      action: "list",
      credentials,
      path: [["m", "Users"]],
      query: { offset: 0, limit: 500 },
    });
    expect(url).toBe(
      "https://klientiks.ru/clientix/Restapi/list/a/a1b2c3d4e5f6/u/0f1e2d3c4b5a/t/0123456789abcdef0123456789abcdef/m/Users/?offset=0&limit=500",
    );
  });

  it("omits the query part when there is none and tolerates a trailing slash on the base URL", () => {
    const url = buildKlientiksUrl({
      baseUrl: "http://127.0.0.1:4010/",
      action: "getAppointment",
      credentials,
      path: [["id", "5001"]],
    });
    expect(url).toBe(
      "http://127.0.0.1:4010/clientix/Restapi/getAppointment/a/a1b2c3d4e5f6/u/0f1e2d3c4b5a/t/0123456789abcdef0123456789abcdef/id/5001/",
    );
  });

  it("calls m/availableTimes without the trailing slash, as public clients do", () => {
    const url = buildKlientiksUrl({
      baseUrl: "https://klientiks.ru",
      action: "list",
      credentials,
      path: [["m", "availableTimes"]],
      query: { start_day: "2025-03-10" },
    });
    expect(url).toMatch(/\/m\/availableTimes\?start_day=2025-03-10$/);
  });

  it("keeps the comma of rvwk/status,statuses literal and encodes everything that could add a segment", () => {
    const url = buildKlientiksUrl({
      baseUrl: "https://klientiks.ru",
      action: "list",
      credentials,
      path: [
        ["rvwk", "status,statuses"],
        ["phone", "7/999?x"],
      ],
    });
    expect(url).toContain("/rvwk/status,statuses/phone/7%2F999%3Fx/");
  });
});

describe("redactKlientiksUrl", () => {
  it("replaces the token segment wherever it ends: at a slash, a query or the end of the text", () => {
    expect(
      redactKlientiksUrl(
        "GET https://h/clientix/Restapi/list/a/A/u/U/t/abc123def456/m/Users/?limit=1",
      ),
    ).toBe("GET https://h/clientix/Restapi/list/a/A/u/U/t/***/m/Users/?limit=1");
    expect(redactKlientiksUrl("https://h/x/t/abc123def456?limit=1")).toBe(
      "https://h/x/t/***?limit=1",
    );
    expect(redactKlientiksUrl("https://h/x/t/abc123def456")).toBe("https://h/x/t/***");
  });

  it("keeps the text around the URL and redacts every occurrence", () => {
    expect(
      redactKlientiksUrl(
        'failed "https://h/t/tok1secret/m/" then https://h/t/tok2secret (ECONNRESET)',
      ),
    ).toBe('failed "https://h/t/***/m/" then https://h/t/*** (ECONNRESET)');
  });

  it("covers the JSON-escaped and percent-encoded forms and Bearer tokens", () => {
    expect(
      redactKlientiksUrl(String.raw`{"url":"https:\/\/h\/list\/t\/abc123def456\/m\/Users\/"}`),
    ).toBe(String.raw`{"url":"https:\/\/h\/list\/t\/***\/m\/Users\/"}`);
    expect(redactKlientiksUrl("next=https%3A%2F%2Fh%2Ft%2Fabc123def456%2Fm%2FUsers")).toBe(
      "next=https%3A%2F%2Fh%2Ft%2F***%2Fm%2FUsers",
    );
    expect(redactKlientiksUrl("Authorization: Bearer abc123def456")).toBe(
      "Authorization: Bearer ***",
    );
  });

  it("is idempotent and leaves text without a token alone", () => {
    const once = redactKlientiksUrl("https://h/t/abc123def456/m/Users/");
    expect(redactKlientiksUrl(once)).toBe(once);
    expect(redactKlientiksUrl("nothing to hide here")).toBe("nothing to hide here");
  });
});
