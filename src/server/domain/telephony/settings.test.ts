import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseTelephonySettings } from "@/server/domain/telephony/settings";

const DEFAULTS = {
  popup: "rung_extension",
  timeZone: null,
  recordingRetentionDays: null,
  callerName: false,
};

describe("parseTelephonySettings", () => {
  it("reads a well-formed row as stored", () => {
    const stored = {
      popup: "all_agents",
      timeZone: "Asia/Yekaterinburg",
      recordingRetentionDays: 180,
      callerName: true,
    };
    expect(parseTelephonySettings(stored)).toEqual(stored);
  });

  it.each([null, undefined, "garbage", 42, [], [1, 2]])("gives the defaults for %j", (stored) => {
    expect(parseTelephonySettings(stored)).toEqual(DEFAULTS);
  });

  it("replaces only the damaged fields with their defaults", () => {
    const stored = {
      popup: "everyone",
      timeZone: "Mars/Olympus_Mons",
      recordingRetentionDays: -3,
      callerName: "yes",
    };
    expect(parseTelephonySettings(stored)).toEqual(DEFAULTS);
    expect(parseTelephonySettings({ popup: "all_agents", timeZone: 5 })).toEqual({
      ...DEFAULTS,
      popup: "all_agents",
    });
    expect(parseTelephonySettings({ recordingRetentionDays: 30.5, callerName: true })).toEqual({
      ...DEFAULTS,
      callerName: true,
    });
  });

  it("ignores fields it does not know", () => {
    expect(parseTelephonySettings({ popup: "all_agents", secret: "x" })).toEqual({
      ...DEFAULTS,
      popup: "all_agents",
    });
  });

  it("never throws, whatever JSON is stored", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (stored) => {
        const settings = parseTelephonySettings(stored);
        expect(["rung_extension", "all_agents"]).toContain(settings.popup);
        expect(typeof settings.callerName).toBe("boolean");
      }),
    );
  });
});
