import { describe, expect, it } from "vitest";

import {
  createFakeFetch,
  jsonResponse,
  storedErrorText,
  textResponse,
  type TFakeFetchCall,
} from "../__fixtures__/fake-fetch";
import { UNLIMITED_THROTTLE } from "./__fixtures__/unlimited-throttle";
import { ZadarmaError } from "./errors";
import { requestZadarma, type TZadarmaHttpRequest } from "./http";
import { signRestRequest } from "./rest-signature";

const SECRET = "zadarma-test-secret-0123456789";
const CREDENTIALS = { key: "user-key-1", secret: SECRET };

type THandler = (
  call: TFakeFetchCall,
  signal: AbortSignal | undefined,
) => Response | Promise<Response>;

const request = (handler: THandler, overrides: Partial<TZadarmaHttpRequest> = {}) => {
  const fake = createFakeFetch(handler);
  const promise = requestZadarma({
    baseUrl: "https://api.zadarma.test",
    credentials: CREDENTIALS,
    method: "GET",
    apiMethod: "request/callback",
    params: { to: "79990000000", from: "100" },
    timeoutMs: 1_000,
    throttle: UNLIMITED_THROTTLE,
    fetch: fake.fetch,
    ...overrides,
  });
  return { promise, calls: fake.calls };
};

const failure = async (
  handler: Parameters<typeof request>[0],
  overrides: Partial<TZadarmaHttpRequest> = {},
): Promise<ZadarmaError> => {
  const error = await request(handler, overrides).promise.catch((caught: unknown) => caught);
  if (!(error instanceof ZadarmaError))
    throw new Error(`expected a ZadarmaError, got ${String(error)}`);
  return error;
};

const authorization = signRestRequest(
  "/v1/request/callback/",
  { to: "79990000000", from: "100" },
  CREDENTIALS,
).authorization;

describe("requestZadarma: what is sent", () => {
  it("GET: the signed, sorted parameters as the query and key:signature in Authorization", async () => {
    const { promise, calls } = request(() => jsonResponse({ status: "success", time: 1 }));
    await expect(promise).resolves.toEqual({ status: "success", time: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: "GET",
      url: "https://api.zadarma.test/v1/request/callback/?format=json&from=100&to=79990000000",
      body: null,
    });
    expect(calls[0]?.headers.get("authorization")).toBe(authorization);
  });

  it("POST: the same string as an x-www-form-urlencoded body, no query", async () => {
    const { promise, calls } = request(() => jsonResponse({ status: "success" }), {
      method: "POST",
      apiMethod: "pbx/callinfo/url",
      params: { url: "https://app.test/api/webhooks/zadarma/t0k en" },
    });
    await promise;
    expect(calls[0]).toMatchObject({
      method: "POST",
      url: "https://api.zadarma.test/v1/pbx/callinfo/url/",
      body: "format=json&url=https%3A%2F%2Fapp.test%2Fapi%2Fwebhooks%2Fzadarma%2Ft0k+en",
    });
    expect(calls[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
  });

  it("sends nothing with an empty key or secret", async () => {
    const error = await failure(() => jsonResponse({}), {
      credentials: { key: "", secret: SECRET },
    });
    expect(error.code).toBe("wrong_keys");
  });
});

describe("requestZadarma: error mapping", () => {
  it.each([
    ["401", 401, { status: "error", message: "Not authorized" }, "wrong_keys", false],
    ["401 blocked", 401, { status: "error", message: "User is blocked" }, "blocked", false],
    [
      "401 заблокирован",
      401,
      { status: "error", message: "Аккаунт заблокирован" },
      "blocked",
      false,
    ],
    ["403", 403, { status: "error", message: "Forbidden" }, "wrong_keys", false],
    ["404", 404, { status: "error", message: "Method not found" }, "not_found", false],
    ["500", 500, { status: "error", message: "Internal error" }, "server_error", true],
    ["502 HTML", 502, "<html>Bad gateway</html>", "server_error", true],
    [
      "400 wrong number",
      400,
      { status: "error", message: "Wrong number format" },
      "invalid_request",
      false,
    ],
    ["400 no money", 400, { status: "error", message: "no money" }, "no_money", false],
    [
      "200 status:error no money",
      200,
      { status: "error", message: "Not enough money on the balance" },
      "no_money",
      false,
    ],
    [
      "200 status:error not found",
      200,
      { status: "error", message: "Record not found" },
      "not_found",
      false,
    ],
    [
      "200 status:error other",
      200,
      { status: "error", message: "Wrong parameters" },
      "invalid_request",
      false,
    ],
  ])("%s → %s", async (_, status, body, code, isRetriable) => {
    const error = await failure(() =>
      typeof body === "string" ? textResponse(body, { status }) : jsonResponse(body, { status }),
    );
    expect(error).toMatchObject({ code, isRetriable, httpStatus: status });
  });

  it("429 with Retry-After in seconds → rate_limited with that wait", async () => {
    const body = { status: "error", message: "You exceeded the rate limit" };
    const error = await failure(() =>
      jsonResponse(body, { status: 429, headers: { "Retry-After": "17" } }),
    );
    expect(error).toMatchObject({
      code: "rate_limited",
      isRetriable: true,
      retryAfterMs: 17_000,
      httpStatus: 429,
    });
  });

  it("429 without Retry-After → a minute", async () => {
    const error = await failure(() => jsonResponse({ status: "error" }, { status: 429 }));
    expect(error.retryAfterMs).toBe(60_000);
  });

  it("malformed JSON on 200 → bad_response, retriable", async () => {
    const error = await failure(() => textResponse('{"status":"succ', { status: 200 }));
    expect(error).toMatchObject({ code: "bad_response", isRetriable: true, httpStatus: 200 });
    expect(error.message).toContain("not JSON");
  });

  it("an empty body → bad_response", async () => {
    expect((await failure(() => textResponse(""))).message).toContain("empty body");
  });

  it("connection refused → unreachable, retriable, with the errno code kept", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
    });
    const error = await failure(() => {
      throw new TypeError("fetch failed", { cause: refused });
    });
    expect(error).toMatchObject({ code: "unreachable", isRetriable: true });
    expect(error.message).toContain("ECONNREFUSED");
    expect(Reflect.get(error.cause as Error, "cause")).toMatchObject({ code: "ECONNREFUSED" });
  });

  it("no answer within the timeout → timeout, retriable", async () => {
    const error = await failure(
      (_call, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason as Error));
        }),
      { timeoutMs: 30 },
    );
    expect(error).toMatchObject({ code: "timeout", isRetriable: true });
    expect(error.message).toContain("30 ms");
  });

  it("never puts the secret or the Authorization value into the message, stack or cause", async () => {
    const echo = `${SECRET} ${authorization}`;
    const errors = await Promise.all([
      failure(() => jsonResponse({ status: "error", message: echo }, { status: 401 })),
      failure(() => jsonResponse({ status: "error", message: echo }, { status: 200 })),
      failure(() => {
        throw new TypeError("fetch failed", { cause: new Error(`socket closed: ${echo}`) });
      }),
    ]);
    for (const error of errors) {
      const text = storedErrorText(error);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(authorization.split(":")[1]);
      expect(text).toContain("***");
    }
  });
});
