"use client";

import { useTranslations } from "next-intl";

import type { TCostsImportResult } from "./cost-types";

type TRowError = Extract<TCostsImportResult, { status: "rejected" }>["errors"][number];

/** Each refused row of an import: its line as the spreadsheet numbers it, and what is wrong. */
export function ImportErrorsTable({ errors }: { errors: TRowError[] }) {
  const t = useTranslations("costs");
  const reasonOf = ({ reason, detail = "" }: TRowError) => {
    const key = `reasons.${reason}`;
    if (!t.has(key)) return reason;
    const column = `columns.${detail}`;
    return t(key, { detail: reason === "missingColumn" && t.has(column) ? t(column) : detail });
  };
  return (
    <table className="w-full text-left text-sm" data-testid="costs-import-errors">
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
        <tr>
          <th className="w-24 px-4 py-2">{t("line")}</th>
          <th className="px-4 py-2">{t("reason")}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((error, index) => (
          <tr key={index} className="border-b border-slate-100 last:border-0">
            <td className="px-4 py-2 tabular-nums">{error.line}</td>
            <td className="px-4 py-2">{reasonOf(error)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
