import { describe, expect, it } from "vitest";

import type { TCampaignMarks } from "@/server/domain/sites/derive-session-attribution";
import {
  continuesSession,
  SESSION_IDLE_MS,
  type TOpenSession,
} from "@/server/domain/sites/session-rules";

const NO_MARKS: TCampaignMarks = {
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  utmContent: null,
  utmTerm: null,
  yclid: null,
  gclid: null,
  fbclid: null,
};
const START = new Date("2026-03-01T10:00:00Z");
const session: TOpenSession = {
  sessionKey: "key-00000001",
  lastSeenAt: START,
  utmSource: "yandex",
  utmCampaign: "spring",
  yclid: "111",
  gclid: null,
  fbclid: null,
};
const hit = (
  marks: Partial<TCampaignMarks>,
  afterMs = 60_000,
  sessionKey = session.sessionKey,
) => ({ sessionKey, marks: { ...NO_MARKS, ...marks }, at: new Date(START.getTime() + afterMs) });

describe("continuesSession", () => {
  it("continues with the same key within 30 minutes, for untagged pages and for the same tags", () => {
    expect(continuesSession(session, hit({}))).toBe(true);
    expect(continuesSession(session, hit({}, SESSION_IDLE_MS))).toBe(true);
    expect(
      continuesSession(
        session,
        hit({ utmSource: "Yandex", utmCampaign: "SPRING", utmMedium: "cpc", yclid: "111" }),
      ),
    ).toBe(true);
  });

  it("starts over after 30 idle minutes", () => {
    expect(continuesSession(session, hit({}, SESSION_IDLE_MS + 1))).toBe(false);
  });

  it("starts over on a new campaign, source or ad click", () => {
    expect(continuesSession(session, hit({ utmCampaign: "autumn" }))).toBe(false);
    expect(continuesSession(session, hit({ utmSource: "vk" }))).toBe(false);
    expect(continuesSession(session, hit({ yclid: "222" }))).toBe(false);
    expect(continuesSession(session, hit({ gclid: "g" }))).toBe(false);
  });

  it("starts over when the tracker started a new session key", () => {
    expect(continuesSession(session, hit({}, 1000, "key-00000002"))).toBe(false);
  });
});
