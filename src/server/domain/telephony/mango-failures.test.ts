import { describe, expect, it } from "vitest";

import { callbackFailureOf } from "@/server/domain/telephony/callback-failure";
import { mangoFailureCode } from "@/server/domain/telephony/connect-mango";
import { MangoError, type TMangoErrorCode } from "@/server/integrations/mango";

const failure = (code: TMangoErrorCode) => new MangoError({ code, message: code });

describe("Mango failures in the page's and the call button's words (docs/telephony-mango.md §5)", () => {
  it("the settings check", () => {
    expect(mangoFailureCode(failure("invalid_request"))).toBe("MANGO_WRONG_KEYS");
    expect(mangoFailureCode(failure("locked_out"))).toBe("MANGO_LOCKED_OUT");
    expect(mangoFailureCode(failure("circuit_open"))).toBe("MANGO_LOCKED_OUT");
    expect(mangoFailureCode(failure("timeout"))).toBe("MANGO_TIMEOUT");
    expect(mangoFailureCode(failure("rate_limited"))).toBe("MANGO_UNREACHABLE");
    expect(mangoFailureCode(failure("bad_response"))).toBe("MANGO_UNEXPECTED");
    expect(() => mangoFailureCode(new Error("a bug"))).toThrow("a bug");
  });

  it("click-to-call", () => {
    expect(callbackFailureOf(failure("invalid_request"))).toBe("wrong_number");
    expect(callbackFailureOf(failure("locked_out"))).toBe("wrong_keys");
    expect(callbackFailureOf(failure("circuit_open"))).toBe("wrong_keys");
    expect(callbackFailureOf(failure("rate_limited"))).toBe("rate_limited");
    expect(callbackFailureOf(failure("timeout"))).toBe("provider_timeout");
    expect(callbackFailureOf(failure("unreachable"))).toBe("provider_unreachable");
  });
});
