import { describe, expect, it } from "vitest";

import { createSecretScrubber } from "@/lib/outbound-failure";

import { classifyKlientiksErrorText, KlientiksError, type TKlientiksErrorKind } from "./errors";

const TOKEN = "0123456789abcdef0123456789abcdef";
const URL_WITH_TOKEN = `https://klientiks.ru/clientix/Restapi/list/a/A/u/U/t/${TOKEN}/m/Users/`;

describe("KlientiksError", () => {
  it("redacts the token from its message, String() and stack", () => {
    const error = new KlientiksError({
      kind: "transient",
      message: `GET ${URL_WITH_TOKEN}: HTTP 503`,
    });
    expect(error.message).toBe(
      "GET https://klientiks.ru/clientix/Restapi/list/a/A/u/U/t/***/m/Users/: HTTP 503",
    );
    expect(String(error)).not.toContain(TOKEN);
    expect(error.stack).not.toContain(TOKEN);
    expect(error.name).toBe("KlientiksError");
  });

  it("rebuilds the cause chain with scrubbed text, keeping names and error codes", () => {
    const socketError = Object.assign(
      new Error(`connect ECONNREFUSED while fetching ${URL_WITH_TOKEN}`),
      { code: "ECONNREFUSED" },
    );
    const fetchError = new TypeError(`Failed to parse URL from ${URL_WITH_TOKEN}`, {
      cause: socketError,
    });
    const error = new KlientiksError({
      kind: "transient",
      message: "network error",
      cause: fetchError,
    });

    expect(error.cause).not.toBe(fetchError);
    expect(error.cause).toBeInstanceOf(Error);
    const cause = error.cause as Error;
    expect(cause.name).toBe("TypeError");
    expect(cause.message).toContain("/t/***/m/Users/");
    expect(cause.stack).not.toContain(TOKEN);
    const nested = cause.cause as Error & { code?: string };
    expect(nested.code).toBe("ECONNREFUSED");
    expect(nested.message).toContain("/t/***/");
    const everything = JSON.stringify([
      error.message,
      error.stack,
      cause.message,
      cause.stack,
      nested.message,
      nested.stack,
    ]);
    expect(everything).not.toContain(TOKEN);
  });

  it("scrubs a literal token outside any URL when given a scrubber, including field messages and non-Error causes", () => {
    const scrub = createSecretScrubber([TOKEN]);
    const error = new KlientiksError({
      kind: "validation",
      message: `Klientiks answered «invalid token ${TOKEN}»`,
      fieldErrors: { token: [`${TOKEN} is wrong`] },
      cause: `raw ${TOKEN}`,
      scrub,
    });
    expect(error.message).toBe("Klientiks answered «invalid token ***»");
    expect(error.fieldErrors).toEqual({ token: ["*** is wrong"] });
    expect((error.cause as Error).message).toBe("raw ***");
  });

  it.each<[TKlientiksErrorKind, boolean]>([
    ["transient", true],
    ["rate_limited", true],
    ["invalid_credentials", false],
    ["api_disabled", false],
    ["not_found", false],
    ["validation", false],
    ["bad_response", false],
    ["unknown_method", false],
  ])("%s is retriable: %s", (kind, isRetriable) => {
    expect(new KlientiksError({ kind, message: "x" }).isRetriable).toBe(isRetriable);
  });
});

describe("classifyKlientiksErrorText", () => {
  it.each([
    ["Access denied: API is not enabled for this account", false, "api_disabled"],
    ["Тариф не поддерживает API", false, "api_disabled"],
    ["API отключено", true, "api_disabled"],
    ["Access denied", false, "invalid_credentials"],
    ["Invalid token", false, "invalid_credentials"],
    ["Доступ запрещён", false, "invalid_credentials"],
    ["Ошибка авторизации", false, "invalid_credentials"],
    ["", true, "invalid_credentials"],
    ["Something broke", true, "invalid_credentials"],
    ["Something broke", false, "bad_response"],
    ["Unknown method", false, "bad_response"],
    ["rapid growth", false, "bad_response"],
  ] as const)("%j (auth status: %s) → %s", (text, isAuthStatus, kind) => {
    expect(classifyKlientiksErrorText(text, { isAuthStatus })).toBe(kind);
  });
});
