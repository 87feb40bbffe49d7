import { describe, expect, it } from "vitest";

import { isManagerSection } from "@/lib/manager-sections";

describe("manager sections", () => {
  it("are the settings pages and the members page", () => {
    for (const href of [
      "/w/salon/settings/integrations/klientiks",
      "/w/salon/settings/telephony",
      "/w/salon/settings/sites",
      "/w/salon/members",
      "/w/salon/settings/sites?tab=1",
    ]) {
      expect(isManagerSection(href), href).toBe(true);
    }
  });

  it("leave the data pages to every member", () => {
    for (const href of [
      "/w/salon/deals",
      "/w/salon/leads",
      "/w/salon/calls",
      "/w/settings/deals",
      "/w/salon/membership",
    ])
      expect(isManagerSection(href), href).toBe(false);
  });
});
