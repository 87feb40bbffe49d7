import { describe, expect, it } from "vitest";

import { csvDialectOf, toCsvDecimal } from "@/server/csv/csv-dialect";
import { streamCsv } from "@/server/csv/stream-csv";

type TRow = { name: string; amountMinor: number };

async function* inBatches(rows: TRow[], size: number): AsyncGenerator<TRow[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/** The whole text of a CSV of `rows` written for `locale`. */
async function csvOf(locale: "ru" | "en", rows: TRow[], batchSize = 2): Promise<string> {
  const dialect = csvDialectOf(locale);
  let text = "";
  const lines = streamCsv({
    header: ["Сделка", "Сумма"],
    separator: dialect.separator,
    batches: inBatches(rows, batchSize),
    toFields: (row) => [row.name, toCsvDecimal(row.amountMinor, dialect)],
  });
  for await (const chunk of lines) text += chunk;
  return text;
}

const ROWS: TRow[] = [
  { name: "Стрижка", amountMinor: 550_000 },
  { name: "Стрижка, укладка", amountMinor: 250_050 },
  { name: "Окрашивание; тонирование", amountMinor: 5 },
];

describe("streamCsv", () => {
  it("writes the Russian file for Russian-locale Excel: semicolons and decimal commas", async () => {
    expect(await csvOf("ru", ROWS)).toBe(
      '\uFEFFСделка;Сумма\nСтрижка;5500,00\nСтрижка, укладка;2500,50\n"Окрашивание; тонирование";0,05\n',
    );
  });

  it("writes the English file as before: commas and decimal points", async () => {
    expect(await csvOf("en", ROWS)).toBe(
      '\uFEFFСделка,Сумма\nСтрижка,5500.00\n"Стрижка, укладка",2500.50\nОкрашивание; тонирование,0.05\n',
    );
  });

  it("keeps the rows in the order their batches bring them, however they are cut", async () => {
    for (const size of [1, 2, 3, 10])
      expect(await csvOf("en", ROWS, size)).toBe(await csvOf("en", ROWS, 1));
  });
});
