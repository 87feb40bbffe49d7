import { describe, expect, it } from "vitest";

import { ZAttributionSettingsSchema } from "@/server/domain/analytics/attribution-settings-schema";

describe("ZAttributionSettingsSchema (deal-attribution §3, §5)", () => {
  it.each([1, 90, 365])("accepts a window of %i days", (windowDays) => {
    expect(ZAttributionSettingsSchema.parse({ model: "first", windowDays })).toEqual({
      model: "first",
      windowDays,
    });
  });

  it.each([0, 366, 1.5, Number.NaN, "30"])(
    "refuses a window of %j, naming the field with one message",
    (windowDays) => {
      const result = ZAttributionSettingsSchema.safeParse({ model: "last", windowDays });
      expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
        { path: ["windowDays"], message: "attributionWindowDays" },
      ]);
    },
  );

  it("refuses a model it does not know", () => {
    expect(ZAttributionSettingsSchema.safeParse({ model: "linear", windowDays: 90 }).success).toBe(
      false,
    );
  });
});
