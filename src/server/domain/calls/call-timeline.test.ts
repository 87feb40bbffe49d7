import { describe, expect, it } from "vitest";

import { callEventKindOf, callLegsOf } from "@/server/domain/calls/call-timeline";

const at = (second: number) => new Date(Date.UTC(2026, 10, 1, 9, 0, second));
const event = (type: string, extension: string | null, second: number) => ({
  id: `${type}-${extension}-${second}`,
  type,
  extension,
  at: at(second),
});

describe("callLegsOf", () => {
  it("lists each extension rung once, in the order it first rang, with when it answered", () => {
    const events = [
      event("NOTIFY_START", null, 0),
      event("NOTIFY_INTERNAL", "101", 1),
      event("NOTIFY_INTERNAL", "102", 1),
      event("NOTIFY_INTERNAL", "101", 20),
      event("NOTIFY_ANSWER", "102", 7),
      event("NOTIFY_END", "102", 60),
      event("NOTIFY_RECORD", null, 90),
    ];
    const expected = [
      { extension: "101", rungAt: at(1), answeredAt: null },
      { extension: "102", rungAt: at(1), answeredAt: at(7) },
    ];
    expect(callLegsOf(events)).toEqual(expected);
    // Events arrive in any order; the legs do not depend on it.
    expect(callLegsOf([...events].reverse())).toEqual(expected);
  });

  it("takes the extension that dialled out as the leg of an outgoing call", () => {
    expect(
      callLegsOf([event("NOTIFY_OUT_START", "100", 0), event("NOTIFY_OUT_END", "100", 30)]),
    ).toEqual([{ extension: "100", rungAt: at(0), answeredAt: null }]);
  });
});

describe("callEventKindOf", () => {
  it("reads provider event names in the neutral model's words, and nothing for a name it does not know", () => {
    expect(callEventKindOf("NOTIFY_OUT_END")).toBe("ended");
    expect(callEventKindOf("statistics")).toBe("summary");
    expect(callEventKindOf("SPEECH_RECOGNITION")).toBeNull();
  });
});
