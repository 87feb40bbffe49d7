import { describe, expect, it } from "vitest";

import {
  applyKlientiksSettingsPatch,
  parseKlientiksSettings,
  ZKlientiksSettingsPatchSchema,
} from "./settings";

describe("Klientiks settings", () => {
  it("give a stored row without sections every default", () => {
    expect(parseKlientiksSettings(null)).toEqual({
      deals: { isEnabled: true, responsible: "executor", excludeSubscriptionVisits: false },
      leads: {
        isEnabled: false,
        passWidgetSourceTag: false,
        trafficType: "source",
        defaultSourceId: null,
        defaultSiteId: null,
        defaultCampaignId: null,
        widgetOpenWindowMinutes: 30,
        contactMatchWindowDays: 30,
        markDuplicates: true,
      },
      accountTimezone: "Europe/Moscow",
      clientCardUrlTemplate: "{base}/app/clients/{id}",
    });
  });

  it("replace only the sections a step saved", () => {
    const current = parseKlientiksSettings({
      deals: { responsible: "author" },
      leads: { isEnabled: true, trafficType: "campaign" },
      accountTimezone: "Asia/Omsk",
    });
    const next = applyKlientiksSettingsPatch(current, { leads: { isEnabled: false } });
    expect(next.deals).toEqual(current.deals);
    expect(next.accountTimezone).toBe("Asia/Omsk");
    expect(next.leads).toMatchObject({ isEnabled: false, trafficType: "source" });
    expect(applyKlientiksSettingsPatch(current, {})).toEqual(current);
  });

  it("name the field of an out-of-range window or an unknown time zone", () => {
    const result = ZKlientiksSettingsPatchSchema.safeParse({
      leads: { widgetOpenWindowMinutes: 0, contactMatchWindowDays: 91 },
      accountTimezone: "Mars/Olympus",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["leads.widgetOpenWindowMinutes", "tooSmall"],
      ["leads.contactMatchWindowDays", "tooBig"],
      ["accountTimezone", "timezoneInvalid"],
    ]);
  });
});
