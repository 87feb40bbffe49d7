import { describe, expect, it } from "vitest";
import { toCsvField } from "@/server/domain/deals/export-deals-csv";

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
