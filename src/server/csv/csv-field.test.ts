import { describe, expect, it } from "vitest";
import { toCsvField, toCsvText } from "@/server/csv/csv-field";

describe("toCsvField", () => {
  it("leaves plain values alone and quotes separators, quotes and newlines", () => {
    expect(toCsvField("Стрижка")).toBe("Стрижка");
    expect(toCsvField('Стрижка, "люкс"')).toBe('"Стрижка, ""люкс"""');
    expect(toCsvField("a\nb")).toBe('"a\nb"');
  });

  it("defuses spreadsheet formulas", () => {
    expect(toCsvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(toCsvField("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(toCsvField("-2+3")).toBe("'-2+3");
  });

  it("keeps E.164 phones readable", () => {
    expect(toCsvField("+79991234567")).toBe("+79991234567");
  });
});

describe("toCsvText", () => {
  it("writes nothing for missing values, ISO for instants and joins lists", () => {
    expect(toCsvText(null)).toBe("");
    expect(toCsvText(undefined)).toBe("");
    expect(toCsvText(new Date("2026-11-01T09:30:00Z"))).toBe("2026-11-01T09:30:00.000Z");
    expect(toCsvText(["ВОЗ", "акция"])).toBe("ВОЗ; акция");
    expect(toCsvText(false)).toBe("false");
  });
});
