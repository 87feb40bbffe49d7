import { describe, expect, it } from "vitest";

import { canSeeCosts } from "./can-see-costs";

describe("canSeeCosts", () => {
  it("shows costs to owners and admins always, to agents unless the workspace hides them", () => {
    for (const hideCostsFromAgents of [false, true]) {
      expect(canSeeCosts({ role: "owner", hideCostsFromAgents })).toBe(true);
      expect(canSeeCosts({ role: "admin", hideCostsFromAgents })).toBe(true);
      expect(canSeeCosts({ role: "agent", hideCostsFromAgents })).toBe(!hideCostsFromAgents);
    }
  });
});
