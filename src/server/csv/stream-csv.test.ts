import { describe, expect, it } from "vitest";
import { csvDialectOf, toCsvDecimal } from "@/server/csv/csv-dialect";
import { streamCsv } from "@/server/csv/stream-csv";

type TRow = { id: string; name: string; amountMinor: number };

/** The whole text of a CSV of `rows` written for `locale`, and the row each page was asked to start after. */
async function csvOf(locale: "ru" | "en", rows: TRow[]): Promise<{ text: string; pagesAfter: (string | undefined)[] }> {
  const dialect = csvDialectOf(locale);
  const pagesAfter: (string | undefined)[] = [];
  let text = "";
  const lines = streamCsv<TRow>({
    header: ["Сделка", "Сумма"],
    separator: dialect.separator,
    fetchBatch: async ({ after, take }) => {
      pagesAfter.push(after?.id);
      const start = after ? rows.indexOf(after) + 1 : 0;
      return rows.slice(start, start + take);
    },
    toFields: (row) => [row.name, toCsvDecimal(row.amountMinor, dialect)],
  });
  for await (const chunk of lines) text += chunk;
  return { text, pagesAfter };
}

const ROWS: TRow[] = [
  { id: "d3", name: "Стрижка", amountMinor: 550_000 },
  { id: "d1", name: "Стрижка, укладка", amountMinor: 250_050 },
  { id: "d2", name: "Окрашивание; тонирование", amountMinor: 5 },
];

describe("streamCsv", () => {
  it("writes the Russian file for Russian-locale Excel: semicolons and decimal commas", async () => {
    expect((await csvOf("ru", ROWS)).text).toBe('\uFEFFСделка;Сумма\nСтрижка;5500,00\nСтрижка, укладка;2500,50\n"Окрашивание; тонирование";0,05\n');
  });

  it("writes the English file as before: commas and decimal points", async () => {
    expect((await csvOf("en", ROWS)).text).toBe('\uFEFFСделка,Сумма\nСтрижка,5500.00\n"Стрижка, укладка",2500.50\nОкрашивание; тонирование,0.05\n');
  });

  it("keeps the fetched order across pages, each page continuing after the previous page's last row", async () => {
    const rows = Array.from({ length: 2500 }, (_, index) => ({ id: `d${2500 - index}`, name: `Визит ${index}`, amountMinor: index }));
    const { text, pagesAfter } = await csvOf("en", rows);
    expect(text.split("\n").slice(1, -1)).toEqual(rows.map((row) => `${row.name},${toCsvDecimal(row.amountMinor, csvDialectOf("en"))}`));
    expect(pagesAfter).toEqual([undefined, "d1501", "d501"]);
  });
});
