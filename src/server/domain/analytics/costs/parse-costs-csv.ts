import Papa from "papaparse";

import { ownValue } from "@/lib/own-value";

import { isAmountProblem, parseAmountMinor, type TAmountProblem } from "./cost-amount";
import { parseCostDay } from "./cost-day";
import { MAX_COSTS_CSV_BYTES, MAX_COSTS_CSV_ROWS } from "./costs-csv-limits";

export type TCostRowProblem =
  | TAmountProblem
  | "missingColumn"
  | "dateInvalid"
  | "campaignEmpty"
  | "campaignUnknown"
  | "campaignAmbiguous"
  | "tooManyFields"
  | "badQuotes";

/** A refused row: its line as a spreadsheet numbers it (the header is line 1), why, and what. */
export type TCostRowError = { line: number; reason: TCostRowProblem; detail?: string };

/** A well-formed row: the day, the campaign as written (a name or a `utm_campaign`), the amount. */
export type TCostCsvRow = { line: number; day: string; campaign: string; amountMinor: bigint };

export type TCostsFileProblem = "fileTooLarge" | "tooManyRows" | "fileEmpty";

export type TParsedCostsCsv =
  | { kind: "file"; problem: TCostsFileProblem }
  | { kind: "rows"; rows: TCostCsvRow[]; errors: TCostRowError[] };

type TColumn = "date" | "campaign" | "utmCampaign" | "amount";

/** Header names people write, in Russian and English, lower-cased. */
const COLUMN_NAMES: Record<string, TColumn> = {
  date: "date",
  day: "date",
  дата: "date",
  день: "date",
  campaign: "campaign",
  кампания: "campaign",
  utm_campaign: "utmCampaign",
  amount: "amount",
  cost: "amount",
  сумма: "amount",
  расход: "amount",
  расходы: "amount",
};

/**
 * Excel in Russia separates with `;` (the comma is its decimal mark), others with `,`; a header
 * holds no decimals, so its first line tells which one the file uses.
 */
function separatorOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  if (header.includes(";")) return ";";
  return header.includes("\t") ? "\t" : ",";
}

const columnIndexes = (header: string[]): Partial<Record<TColumn, number>> => {
  const indexes: Partial<Record<TColumn, number>> = {};
  header.forEach((name, index) => {
    const column = ownValue(COLUMN_NAMES, name.trim().toLowerCase());
    if (column && indexes[column] === undefined) indexes[column] = index;
  });
  return indexes;
};

function missingColumns(indexes: Partial<Record<TColumn, number>>): TCostRowError[] {
  const missing: string[] = [];
  if (indexes.date === undefined) missing.push("date");
  if (indexes.campaign === undefined && indexes.utmCampaign === undefined) missing.push("campaign");
  if (indexes.amount === undefined) missing.push("amount");
  return missing.map((column) => ({ line: 1, reason: "missingColumn", detail: column }));
}

const cell = (record: string[], index: number | undefined) =>
  index === undefined ? "" : (record[index] ?? "").trim();

function parseRecord(
  record: string[],
  line: number,
  indexes: Partial<Record<TColumn, number>>,
): TCostCsvRow | TCostRowError {
  const dateText = cell(record, indexes.date);
  const day = parseCostDay(dateText);
  if (!day) return { line, reason: "dateInvalid", detail: dateText };
  const campaign = cell(record, indexes.campaign) || cell(record, indexes.utmCampaign);
  if (!campaign) return { line, reason: "campaignEmpty" };
  const amountText = cell(record, indexes.amount);
  const amountMinor = parseAmountMinor(amountText);
  if (isAmountProblem(amountMinor)) return { line, reason: amountMinor, detail: amountText };
  return { line, day, campaign, amountMinor };
}

/**
 * An ad-cost CSV as rows and per-line errors, without looking at the workspace: columns date,
 * campaign or utm_campaign, and amount, named in Russian or English, in any order; blank lines are
 * skipped but still counted, so line numbers match what a spreadsheet shows.
 */
export function parseCostsCsv(text: string): TParsedCostsCsv {
  if (new TextEncoder().encode(text).length > MAX_COSTS_CSV_BYTES)
    return { kind: "file", problem: "fileTooLarge" };
  const content = text.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(content, {
    delimiter: separatorOf(content),
    skipEmptyLines: false,
    preview: MAX_COSTS_CSV_ROWS + 2,
  });
  const [header, ...records] = parsed.data;
  if (!header || records.every((record) => record.join("").trim() === ""))
    return { kind: "file", problem: "fileEmpty" };
  if (records.length > MAX_COSTS_CSV_ROWS) return { kind: "file", problem: "tooManyRows" };

  const indexes = columnIndexes(header);
  const headerErrors = missingColumns(indexes);
  if (headerErrors.length) return { kind: "rows", rows: [], errors: headerErrors };

  const badQuoteRows = new Set(
    parsed.errors.filter((error) => error.type === "Quotes").map((error) => error.row),
  );
  const rows: TCostCsvRow[] = [];
  const errors: TCostRowError[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    if (record.join("").trim() === "") return;
    const result = badQuoteRows.has(index + 1)
      ? { line, reason: "badQuotes" as const }
      : record.slice(header.length).some((extra) => extra.trim() !== "")
        ? { line, reason: "tooManyFields" as const }
        : parseRecord(record, line, indexes);
    if ("reason" in result) errors.push(result);
    else rows.push(result);
  });
  return { kind: "rows", rows, errors };
}
