import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { MAX_COSTS_CSV_BYTES, MAX_COSTS_CSV_ROWS } from "./costs-csv-limits";
import { parseCostsCsv } from "./parse-costs-csv";

const rowsOf = (text: string) => {
  const parsed = parseCostsCsv(text);
  if (parsed.kind !== "rows") throw new Error(`file refused: ${parsed.problem}`);
  return { rows: parsed.rows, errors: parsed.errors };
};

describe("parseCostsCsv", () => {
  const row = (line: number, day: string, campaign: string, amountMinor: bigint) => ({
    line,
    day,
    campaign,
    amountMinor,
  });

  it.each([
    {
      file: "an English comma file with ISO dates and dot decimals",
      text: "date,campaign,amount\n2026-01-05,Весна,1234.5\n",
      rows: [row(2, "2026-01-05", "Весна", 123450n)],
    },
    {
      file: "a Russian Excel file: BOM, semicolons, dotted dates, decimal comma, grouped thousands",
      text: "\uFEFFДата;Кампания;Сумма\r\n05.01.2026;Весна;1 234,50\r\n06.01.2026;Весна;15\u00a0000\r\n",
      rows: [row(2, "2026-01-05", "Весна", 123450n), row(3, "2026-01-06", "Весна", 1500000n)],
    },
    {
      file: "columns in any order, utm_campaign instead of a name, «расход» for the amount",
      text: "расход;utm_campaign;дата\n10;spring_sale;2026-02-01",
      rows: [row(2, "2026-02-01", "spring_sale", 1000n)],
    },
    {
      file: "quoted fields with separators, quotes and line breaks inside",
      text: 'date,campaign,amount\n2026-03-01,"Скидка, ""весна""\nи лето","1 234,50"\n2026-03-02,Лето,5',
      rows: [
        row(2, "2026-03-01", 'Скидка, "весна"\nи лето', 123450n),
        row(3, "2026-03-02", "Лето", 500n),
      ],
    },
  ])("reads $file", ({ text, rows }) => expect(rowsOf(text)).toEqual({ rows, errors: [] }));

  it("prefers the campaign name and falls back to utm_campaign when the name is blank", () => {
    const { rows } = rowsOf(
      "date,campaign,utm_campaign,amount\n2026-02-01,,spring,1\n2026-02-02,Весна,spring,2",
    );
    expect(rows.map((row) => row.campaign)).toEqual(["spring", "Весна"]);
  });

  it("reads quoted fields: separators, quotes and line breaks inside", () => {
    const text =
      'date,campaign,amount\n2026-03-01,"Скидка, ""весна""\nи лето","1 234,50"\n2026-03-02,Лето,5';
    expect(rowsOf(text).rows).toEqual([
      { line: 2, day: "2026-03-01", campaign: 'Скидка, "весна"\nи лето', amountMinor: 123450n },
      { line: 3, day: "2026-03-02", campaign: "Лето", amountMinor: 500n },
    ]);
  });

  it("skips blank lines but keeps counting them, as a spreadsheet numbers its rows", () => {
    const { rows } = rowsOf("date;campaign;amount\n\n2026-01-05;A;1\n;;\n2026-01-06;A;2\n\n");
    expect(rows.map((row) => row.line)).toEqual([3, 5]);
  });

  it("names each bad row's line and reason", () => {
    const text = [
      "date;campaign;amount",
      "2026-02-30;A;1",
      "5/1/2026;A;1",
      "2026-01-05;;1",
      "2026-01-05;A;",
      "2026-01-05;A;-5",
      "2026-01-05;A;abc",
      "2026-01-05;A;1,234",
      "2026-01-05;A;99999999999",
      "2026-01-05;A;1;extra",
      "2026-01-05;A;1;",
      '2026-01-05;"A"x;1',
    ].join("\n");
    expect(rowsOf(text)).toEqual({
      rows: [{ line: 11, day: "2026-01-05", campaign: "A", amountMinor: 100n }],
      errors: [
        { line: 2, reason: "dateInvalid", detail: "2026-02-30" },
        { line: 3, reason: "dateInvalid", detail: "5/1/2026" },
        { line: 4, reason: "campaignEmpty" },
        { line: 5, reason: "amountEmpty", detail: "" },
        { line: 6, reason: "amountNegative", detail: "-5" },
        { line: 7, reason: "amountNotNumber", detail: "abc" },
        { line: 8, reason: "amountNotNumber", detail: "1,234" },
        { line: 9, reason: "amountTooBig", detail: "99999999999" },
        { line: 10, reason: "tooManyFields" },
        { line: 12, reason: "badQuotes" },
      ],
    });
  });

  it("reports every missing column on the header line, whatever the other headers are", () => {
    expect(parseCostsCsv("day;constructor;sum\n2026-01-05;A;1")).toEqual({
      kind: "rows",
      rows: [],
      errors: [
        { line: 1, reason: "missingColumn", detail: "campaign" },
        { line: 1, reason: "missingColumn", detail: "amount" },
      ],
    });
  });

  it("refuses an empty file, one too large and one with too many rows", () => {
    expect(parseCostsCsv("")).toEqual({ kind: "file", problem: "fileEmpty" });
    expect(parseCostsCsv("date;campaign;amount\n\n")).toEqual({
      kind: "file",
      problem: "fileEmpty",
    });
    const big = `date;campaign;amount\n${"2026-01-05;A;1\n".repeat(MAX_COSTS_CSV_BYTES / 10)}`;
    expect(parseCostsCsv(big)).toEqual({ kind: "file", problem: "fileTooLarge" });
    const many = `date;campaign;amount\n${"1;A;1\n".repeat(MAX_COSTS_CSV_ROWS + 1)}`;
    expect(parseCostsCsv(many)).toEqual({ kind: "file", problem: "tooManyRows" });
  });

  it("reads back any well-formed rows it is given, with either separator", () => {
    const day = fc
      .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    const campaign = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((text) => text.trim() !== "" && !/^\uFEFF/.test(text))
      .map((text) => text.trim());
    const amountMinor = fc.bigInt({ min: 0n, max: 10_000_000_000n });
    const row = fc.record({ day, campaign, amountMinor, dotted: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), fc.boolean(), (rows, isExcel) => {
        const [separator, decimal] = isExcel ? [";", ","] : [",", "."];
        const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
        const lines = rows.map(({ day: iso, campaign: name, amountMinor: minor, dotted }) => {
          const date = dotted ? iso.split("-").reverse().join(".") : iso;
          const amount = `${minor / 100n}${decimal}${String(minor % 100n).padStart(2, "0")}`;
          return [date, quote(name), quote(amount)].join(separator);
        });
        const parsed = rowsOf(
          [["date", "campaign", "amount"].join(separator), ...lines].join("\r\n"),
        );
        expect(parsed.errors).toEqual([]);
        expect(parsed.rows).toEqual(
          rows.map((source, index) => ({
            line: index + 2,
            day: source.day,
            campaign: source.campaign,
            amountMinor: source.amountMinor,
          })),
        );
      }),
    );
  });
});
