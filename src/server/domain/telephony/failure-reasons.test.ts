import { describe, expect, it } from "vitest";

import { callbackFailureOf } from "@/server/domain/telephony/callback-failure";
import { checkFailureError, checkFailureOf } from "@/server/domain/telephony/check-credentials";
import { ZadarmaError, type TZadarmaErrorCode } from "@/server/integrations/zadarma";

import en from "../../../../messages/en.json";
import ru from "../../../../messages/ru.json";

const CODES: TZadarmaErrorCode[] = [
  "wrong_keys",
  "blocked",
  "unreachable",
  "timeout",
  "rate_limited",
  "no_money",
  "invalid_request",
  "not_found",
  "bad_response",
  "server_error",
];
const errorOf = (code: TZadarmaErrorCode) =>
  new ZadarmaError({ code, message: `Zadarma failed: ${code}` });

describe("the live check's reasons", () => {
  it("tells wrong keys, a blocked account, unreachable, a timeout and throttling apart", () => {
    expect(CODES.map((code) => [code, checkFailureOf(errorOf(code))])).toEqual([
      ["wrong_keys", "wrong_keys"],
      ["blocked", "blocked"],
      ["unreachable", "unreachable"],
      ["timeout", "timeout"],
      ["rate_limited", "rate_limited"],
      ["no_money", "unexpected"],
      ["invalid_request", "unexpected"],
      ["not_found", "unexpected"],
      ["bad_response", "unexpected"],
      ["server_error", "unreachable"],
    ]);
  });

  it("has plain words in Russian and English for every reason", () => {
    for (const code of CODES) {
      const { code: appCode } = checkFailureError(checkFailureOf(errorOf(code)));
      expect(ru.errors, appCode).toHaveProperty(appCode);
      expect(en.errors, appCode).toHaveProperty(appCode);
    }
  });

  it("rethrows what is not a provider failure (a bug must not read as wrong keys)", () => {
    const bug = new TypeError("undefined is not a function");
    expect(() => checkFailureOf(bug)).toThrow(bug);
  });
});

describe("click-to-call failures", () => {
  it("maps the provider's refusals to what the member can act on", () => {
    expect(CODES.map((code) => [code, callbackFailureOf(errorOf(code))])).toEqual([
      ["wrong_keys", "wrong_keys"],
      ["blocked", "account_blocked"],
      ["unreachable", "provider_unreachable"],
      ["timeout", "provider_timeout"],
      ["rate_limited", "rate_limited"],
      ["no_money", "no_money"],
      ["invalid_request", "wrong_number"],
      ["not_found", "no_extension"],
      ["bad_response", "provider_unreachable"],
      ["server_error", "provider_unreachable"],
    ]);
  });

  it("has plain words in Russian and English for every failure code", () => {
    const failures = new Set([
      ...CODES.map((code) => callbackFailureOf(errorOf(code))),
      "no_extension",
      "extension_offline",
    ]);
    for (const failure of failures) {
      expect(ru.telephony.callButton.failure, failure).toHaveProperty(failure);
      expect(en.telephony.callButton.failure, failure).toHaveProperty(failure);
    }
  });
});
