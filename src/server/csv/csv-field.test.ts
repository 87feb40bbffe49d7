import { describe, expect, it } from "vitest";

import { toCsvField, toCsvText } from "@/server/csv/csv-field";

describe("toCsvField", () => {
  it("leaves plain values alone and quotes the separator, quotes and newlines", () => {
    expect(toCsvField("Стрижка", ",")).toBe("Стрижка");
    expect(toCsvField('Стрижка, "люкс"', ",")).toBe('"Стрижка, ""люкс"""');
    expect(toCsvField("a\nb", ";")).toBe('"a\nb"');
  });

  it("quotes only the separator of the file's dialect", () => {
    expect(toCsvField("a;b", ";")).toBe('"a;b"');
    expect(toCsvField("a,b", ";")).toBe("a,b");
    expect(toCsvField("a,b", ",")).toBe('"a,b"');
    expect(toCsvField("a;b", ",")).toBe("a;b");
  });

  it("defuses spreadsheet formulas", () => {
    expect(toCsvField("=HYPERLINK(1)", ",")).toBe("'=HYPERLINK(1)");
    expect(toCsvField("+1+cmd|' /C calc'!A0", ",")).toBe("'+1+cmd|' /C calc'!A0");
    expect(toCsvField("-2+3", ";")).toBe("'-2+3");
  });

  it("keeps E.164 phones and plain numbers of either decimal mark as they are", () => {
    expect(toCsvField("+79991234567", ";")).toBe("+79991234567");
    expect(toCsvField("-2500.00", ",")).toBe("-2500.00");
    expect(toCsvField("-2500,00", ";")).toBe("-2500,00");
  });
});

describe("toCsvText", () => {
  it("writes nothing for missing values, instants on the workspace's clock, and joins lists", () => {
    expect(toCsvText(null, "Europe/Moscow")).toBe("");
    expect(toCsvText(undefined, "Europe/Moscow")).toBe("");
    expect(toCsvText(new Date("2026-11-01T09:30:05Z"), "Europe/Moscow")).toBe(
      "2026-11-01 12:30:05",
    );
    expect(toCsvText(new Date("2026-11-01T23:30:00Z"), "Asia/Yekaterinburg")).toBe(
      "2026-11-02 04:30:00",
    );
    expect(toCsvText(new Date("2026-11-01T00:00:00Z"), "UTC")).toBe("2026-11-01 00:00:00");
    expect(toCsvText(["ВОЗ", "акция"], "UTC")).toBe("ВОЗ; акция");
    expect(toCsvText(false, "UTC")).toBe("false");
  });
});
