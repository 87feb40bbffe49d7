import { describe, expect, it } from "vitest";

import { workspaceLabels } from "@/components/shell/workspace-labels";

describe("workspace switcher labels", () => {
  it("adds the slug to names shared by several workspaces, and only to those", () => {
    const labels = workspaceLabels([
      { slug: "salon", name: "Салон" },
      { slug: "salon-4f2a9c", name: "салон " },
      { slug: "studio", name: "Студия" },
    ]);
    expect([...labels.values()]).toEqual(["Салон · salon", "салон · salon-4f2a9c", "Студия"]);
  });
});
