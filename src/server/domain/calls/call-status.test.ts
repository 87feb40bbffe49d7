import { describe, expect, it } from "vitest";

import {
  callStatusOf,
  isUnansweredIncoming,
  type TCallStatusInput,
} from "@/server/domain/calls/call-status";

const ended = (
  direction: TCallStatusInput["direction"],
  disposition: TCallStatusInput["disposition"],
  answeredAt: Date | null = null,
): TCallStatusInput => ({ direction, state: "ended", disposition, answeredAt });

describe("callStatusOf", () => {
  it("says a call still ringing or talking is in progress, whatever else is known", () => {
    expect(
      callStatusOf({
        direction: "incoming",
        state: "ringing",
        disposition: null,
        answeredAt: null,
      }),
    ).toBe("in_progress");
    expect(
      callStatusOf({
        direction: "outgoing",
        state: "answered",
        disposition: null,
        answeredAt: new Date(),
      }),
    ).toBe("in_progress");
  });

  it("calls an incoming call nobody took missed, whether it rang out or the caller hung up", () => {
    expect(callStatusOf(ended("incoming", "no_answer"))).toBe("missed");
    expect(callStatusOf(ended("incoming", "cancelled"))).toBe("missed");
    expect(callStatusOf(ended("incoming", null))).toBe("missed");
  });

  it("keeps the outgoing side's own words: not answered, cancelled", () => {
    expect(callStatusOf(ended("outgoing", "no_answer"))).toBe("not_answered");
    expect(callStatusOf(ended("outgoing", "cancelled"))).toBe("cancelled");
    expect(callStatusOf(ended("internal", null))).toBe("not_answered");
  });

  it("reads busy, failed and answered as they are, in both directions", () => {
    for (const direction of ["incoming", "outgoing"] as const) {
      expect(callStatusOf(ended(direction, "busy"))).toBe("busy");
      expect(callStatusOf(ended(direction, "failed"))).toBe("failed");
      expect(callStatusOf(ended(direction, "answered"))).toBe("answered");
    }
  });

  it("takes an ended call without a disposition as answered when an extension picked up", () => {
    expect(callStatusOf(ended("incoming", null, new Date()))).toBe("answered");
  });
});

describe("isUnansweredIncoming", () => {
  it("is true only for an ended incoming call that was not answered", () => {
    expect(isUnansweredIncoming(ended("incoming", "busy"))).toBe(true);
    expect(isUnansweredIncoming(ended("incoming", "answered"))).toBe(false);
    expect(isUnansweredIncoming(ended("outgoing", "no_answer"))).toBe(false);
    expect(
      isUnansweredIncoming({
        direction: "incoming",
        state: "ringing",
        disposition: null,
        answeredAt: null,
      }),
    ).toBe(false);
  });
});
