import { describe, expect, it } from "vitest";

import { KLIENTIKS_STAGES, stageForStatus } from "@/server/domain/deals/klientiks-funnel";

describe("Klientiks funnel", () => {
  it.each([
    ["scheduled", "in_work"],
    ["confirmed", "in_work"],
    ["sms_confirmation_sent", "in_work"],
    ["in_progress", "in_work"],
    ["finished", "won"],
    ["missed", "lost"],
    ["cancelled", "lost"],
    ["cancelled_by_sms", "lost"],
  ] as const)("%s is a %s stage", (status, group) => {
    expect(stageForStatus(status)).toMatchObject({ stage: status, group, isKnown: true });
  });

  it("keeps stages in contract order", () => {
    expect(KLIENTIKS_STAGES.map(({ status }) => stageForStatus(status).order)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it("accepts an unknown status as its own in-work stage after the known ones", () => {
    expect(stageForStatus("arrived")).toEqual({
      stage: "arrived",
      group: "in_work",
      order: 100,
      isKnown: false,
    });
  });
});
