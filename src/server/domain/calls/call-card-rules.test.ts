import { describe, expect, it } from "vitest";

import { decideCallCardRecipients, isCallCardLive, readPopupSetting } from "./call-card-rules";

describe("readPopupSetting", () => {
  it.each([
    [{ popup: "all_agents" }, "all_agents"],
    [{ popup: "rung_extension" }, "rung_extension"],
    [{}, "rung_extension"],
    [null, "rung_extension"],
    ["all_agents", "rung_extension"],
    [{ popup: "everyone" }, "rung_extension"],
    [{ popup: ["all_agents"] }, "rung_extension"],
  ])("%j → %s", (settings, expected) => {
    expect(readPopupSetting(settings)).toBe(expected);
  });
});

describe("decideCallCardRecipients", () => {
  it("sends an incoming call to the rung members, each once, or to everyone when the setting says so", () => {
    expect(
      decideCallCardRecipients({
        popup: "rung_extension",
        direction: "incoming",
        rungMembershipIds: ["mbr_b", "mbr_a", "mbr_b"],
      }),
    ).toEqual(["mbr_a", "mbr_b"]);
    expect(
      decideCallCardRecipients({
        popup: "all_agents",
        direction: "incoming",
        rungMembershipIds: ["mbr_a"],
      }),
    ).toBe("everyone");
    expect(
      decideCallCardRecipients({
        popup: "rung_extension",
        direction: "incoming",
        rungMembershipIds: [],
      }),
    ).toEqual([]);
  });

  it("keeps an outgoing call with the members of its extensions whatever the setting", () => {
    expect(
      decideCallCardRecipients({
        popup: "all_agents",
        direction: "outgoing",
        rungMembershipIds: ["mbr_a"],
      }),
    ).toEqual(["mbr_a"]);
    expect(
      decideCallCardRecipients({
        popup: "all_agents",
        direction: "internal",
        rungMembershipIds: [],
      }),
    ).toEqual([]);
  });
});

describe("isCallCardLive", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it("shows ringing and answered calls, and an ended one for two minutes", () => {
    expect(isCallCardLive({ state: "ringing", startedAt: minutesAgo(0), endedAt: null }, now)).toBe(
      true,
    );
    expect(
      isCallCardLive({ state: "answered", startedAt: minutesAgo(50), endedAt: null }, now),
    ).toBe(true);
    expect(
      isCallCardLive({ state: "ended", startedAt: minutesAgo(5), endedAt: minutesAgo(1.9) }, now),
    ).toBe(true);
    expect(
      isCallCardLive({ state: "ended", startedAt: minutesAgo(5), endedAt: minutesAgo(2.1) }, now),
    ).toBe(false);
  });

  it("leaves backfilled calls and calls whose end never came off the screen", () => {
    expect(
      isCallCardLive(
        { state: "ended", startedAt: minutesAgo(60 * 24), endedAt: minutesAgo(60 * 24 - 3) },
        now,
      ),
    ).toBe(false);
    expect(isCallCardLive({ state: "ended", startedAt: minutesAgo(1), endedAt: null }, now)).toBe(
      false,
    );
    expect(
      isCallCardLive({ state: "ringing", startedAt: minutesAgo(5 * 60), endedAt: null }, now),
    ).toBe(false);
  });
});
