import { csvDialectOf } from "@/server/csv/csv-dialect";

/** Splits CSV text into rows of fields (RFC 4180 quoting; every row ends with a newline). */
export function parseCsv(text: string, separator: "," | ";" = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (isQuoted && char === '"' && text[index + 1] === '"') {
      field += '"';
      index += 1;
    } else if (char === '"') {
      isQuoted = !isQuoted;
    } else if (!isQuoted && char === separator) {
      row.push(field);
      field = "";
    } else if (!isQuoted && char === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
    } else {
      field += char;
    }
  }
  return rows;
}

/**
 * Export labels that keep column keys and coded values as they are, so tests read the data, not the
 * words; the English dialect (commas, decimal points) unless a test says otherwise.
 */
export const KEYS_AND_CODES = {
  columnTitle: (column: string) => column,
  valueLabel: (_kind: string, value: string) => value,
  dialect: csvDialectOf("en"),
};
