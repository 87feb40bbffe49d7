// Sections (§) are those of docs/klientiks-contract.md.
import { afterEach, describe, expect, it, vi } from "vitest";

import { jsonResponse, storedErrorText, textResponse } from "../__fixtures__/fake-fetch";
import { stubKlientiksFetch } from "./__fixtures__/fake-fetch";
import { readKlientiksFixture } from "./__fixtures__/load-fixture";
import { KlientiksError } from "./errors";
import { requestKlientiks, type TKlientiksHttpRequest } from "./http";

const TOKEN = "0123456789abcdef0123456789abcdef";
const request = (overrides: Partial<TKlientiksHttpRequest> = {}): TKlientiksHttpRequest => ({
  baseUrl: "https://klientiks.test",
  credentials: { accountId: "a1b2c3d4e5f6", userId: "0f1e2d3c4b5a", accessToken: TOKEN },
  action: "list",
  path: [["m", "Users"]],
  query: { limit: 1 },
  timeoutMs: 1_000,
  throttle: { perSecond: Infinity, burst: Infinity },
  ...overrides,
});

const REDACTED_CONTEXT =
  "GET https://klientiks.test/clientix/Restapi/list/a/a1b2c3d4e5f6/u/0f1e2d3c4b5a/t/***/m/Users/?limit=1";

const requestError = async (
  overrides: Partial<TKlientiksHttpRequest> = {},
): Promise<KlientiksError> => {
  const error = await requestKlientiks(request(overrides)).catch((caught: unknown) => caught);
  if (!(error instanceof KlientiksError))
    throw new Error(`expected a KlientiksError, got ${String(error)}`);
  return error;
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("requestKlientiks", () => {
  it("sends a GET with the token in the path and returns the parsed body with a redacted context", async () => {
    const calls = stubKlientiksFetch(() => jsonResponse({ items: "No data" }));
    const response = await requestKlientiks(request());
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: "GET",
      url: `https://klientiks.test/clientix/Restapi/list/a/a1b2c3d4e5f6/u/0f1e2d3c4b5a/t/${TOKEN}/m/Users/?limit=1`,
      body: null,
    });
    expect(calls[0]?.headers.get("authorization")).toBeNull();
    expect(response.body).toEqual({ items: "No data" });
    expect(response.context).toBe(REDACTED_CONTEXT);
    expect(response.scrub(`echo ${TOKEN}`)).toBe("echo ***");
  });

  it("cleans every string of the answer for storage: values and keys, however deep", async () => {
    stubKlientiksFetch(() =>
      textResponse(
        '{"items": [{"id": 1, "name": "Ан\\u0000на \\ud83d", "json_data": {"hair\\u0000_type": ["a\\udc00"]}}]}',
      ),
    );
    const response = await requestKlientiks(request());
    expect(response.body).toEqual({
      items: [{ id: 1, name: "Анна ", json_data: { hair_type: ["a"] } }],
    });
  });

  it("sends writes as a form-encoded POST (§3)", async () => {
    const calls = stubKlientiksFetch(() => jsonResponse({ status: "ok" }));
    await requestKlientiks(
      request({
        action: "add",
        path: [["m", "Clients"]],
        query: {},
        form: { first_name: "Анна", phone: "79990000000" },
      }),
    );
    expect(calls[0]?.method).toBe("POST");
    expect(calls[0]?.url).toMatch(/\/add\/a\/.+\/m\/Clients\/$/);
    expect(calls[0]?.headers.get("content-type")).toBe(
      "application/x-www-form-urlencoded;charset=UTF-8",
    );
    expect(new URLSearchParams(calls[0]?.body ?? "").get("first_name")).toBe("Анна");
    expect(calls[0]?.body).toBe("first_name=%D0%90%D0%BD%D0%BD%D0%B0&phone=79990000000");
  });

  it("strips a byte-order mark before parsing", async () => {
    stubKlientiksFetch(() => textResponse('\uFEFF{"items":[]}'));
    expect((await requestKlientiks(request())).body).toEqual({ items: [] });
  });

  it.each([
    [500, "malformed-html.txt"],
    [502, "malformed-html.txt"],
    [503, ""],
  ])("classifies HTTP %s as transient (§4.6)", async (status, fixture) => {
    stubKlientiksFetch(() =>
      textResponse(fixture === "" ? "" : readKlientiksFixture(fixture), { status }),
    );
    const error = await requestError();
    expect(error).toMatchObject({ kind: "transient", httpStatus: status, isRetriable: true });
    expect(error.message).toBe(`${REDACTED_CONTEXT}: HTTP ${status}`);
  });

  it.each([
    ["5", 5_000],
    ["0", 0],
    [null, 2_000],
  ])(
    "classifies HTTP 429 with Retry-After %j as rate_limited after %i ms",
    async (retryAfter, retryAfterMs) => {
      stubKlientiksFetch(() =>
        jsonResponse(
          { error: "Too many requests" },
          { status: 429, headers: retryAfter === null ? {} : { "Retry-After": retryAfter } },
        ),
      );
      expect(await requestError()).toMatchObject({
        kind: "rate_limited",
        httpStatus: 429,
        retryAfterMs,
        isRetriable: true,
      });
    },
  );

  it.each([
    [401, "error-access-denied.json", "invalid_credentials"],
    [401, "error-api-disabled.json", "api_disabled"],
    [403, "malformed-html.txt", "invalid_credentials"],
    [404, "error-unknown-method.json", "unknown_method"],
    [404, "malformed-html.txt", "unknown_method"],
    [400, "error-access-denied.json", "bad_response"],
    [405, "", "bad_response"],
  ])("classifies HTTP %s with %j as %s, non-retriable (§4.5)", async (status, fixture, kind) => {
    stubKlientiksFetch(() =>
      textResponse(fixture === "" ? "" : readKlientiksFixture(fixture), { status }),
    );
    expect(await requestError()).toMatchObject({ kind, httpStatus: status, isRetriable: false });
  });

  it("quotes the error text of a JSON error body", async () => {
    stubKlientiksFetch(() => jsonResponse({ error: "Access denied" }, { status: 401 }));
    expect((await requestError()).message).toBe(`${REDACTED_CONTEXT}: HTTP 401 «Access denied»`);
  });

  it.each([
    ["a truncated body", "malformed-truncated.txt"],
    ["an HTML page", "malformed-html.txt"],
  ])("classifies HTTP 200 with %s as transient (§4)", async (_label, fixture) => {
    stubKlientiksFetch(() => textResponse(readKlientiksFixture(fixture)));
    const error = await requestError();
    expect(error).toMatchObject({ kind: "transient", httpStatus: 200, isRetriable: true });
    expect(error.message).toBe(`${REDACTED_CONTEXT}: HTTP 200 with a body that is not JSON`);
  });

  it("classifies HTTP 200 with an empty body as transient", async () => {
    stubKlientiksFetch(() => textResponse(""));
    expect((await requestError()).message).toBe(`${REDACTED_CONTEXT}: HTTP 200 with an empty body`);
  });

  it("classifies a network error as transient without leaking the token through message or cause (R11)", async () => {
    stubKlientiksFetch(() => {
      const reason = Object.assign(
        new Error(`connect ECONNREFUSED for https://klientiks.test/list/t/${TOKEN}/m/Users/`),
        { code: "ECONNREFUSED" },
      );
      throw new TypeError("fetch failed", { cause: reason });
    });
    const error = await requestError();
    expect(error.kind).toBe("transient");
    expect(error.message).toContain("/t/***/m/Users/");
    expect(error.message).toContain("network error: fetch failed (ECONNREFUSED:");
    expect((error.cause as Error & { cause: { code: string } }).cause.code).toBe("ECONNREFUSED");
    expect(storedErrorText(error)).not.toContain(TOKEN);
  });

  it("scrubs the literal token even when an error quotes it outside a URL", async () => {
    stubKlientiksFetch(() => {
      throw new Error(`socket hang up (token ${TOKEN})`);
    });
    const error = await requestError();
    expect(error.message).toContain("token ***");
    expect(storedErrorText(error)).not.toContain(TOKEN);
  });

  it("aborts a request that does not answer within timeoutMs and classifies it as transient", async () => {
    stubKlientiksFetch(
      (_call, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason));
        }),
    );
    const startedAt = Date.now();
    const error = await requestError({ timeoutMs: 50 });
    expect(Date.now() - startedAt).toBeLessThan(900);
    expect(error).toMatchObject({ kind: "transient", isRetriable: true });
    expect(error.message).toBe(`${REDACTED_CONTEXT}: no complete answer within 50 ms`);
    expect((error.cause as Error).name).toBe("TimeoutError");
  });

  it("refuses incomplete credentials without sending anything", async () => {
    const calls = stubKlientiksFetch(() => jsonResponse({}));
    const error = await requestError({
      credentials: { accountId: "a1b2c3d4e5f6", userId: "0f1e2d3c4b5a", accessToken: "" },
    });
    expect(error.kind).toBe("invalid_credentials");
    expect(calls).toHaveLength(0);
  });

  it("holds the account's slot until the body is read, so concurrent calls respect the burst", async () => {
    let open = 0;
    let maxOpen = 0;
    // Each answer sends its headers at once and its body 5 ms later, like a slow upstream.
    stubKlientiksFetch(() => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          controller.enqueue(new TextEncoder().encode('{"items":[]}'));
          controller.close();
          open -= 1;
        },
      });
      return new Response(body, { status: 200 });
    });
    const throttle = { perSecond: Infinity, burst: 2 };
    const credentials = { accountId: "http-test-burst", userId: "u", accessToken: TOKEN };
    await Promise.all(
      Array.from({ length: 6 }, () => requestKlientiks(request({ throttle, credentials }))),
    );
    expect(maxOpen).toBe(2);
  });
});
