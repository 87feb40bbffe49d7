"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { Button } from "@/components/ui/button";

export type TDataTablePaginationProps = {
  pageIndex: number;
  pageCount: number;
  pageSize: number;
  rowCount: number;
  /** The server stopped counting at `rowCount`: there are at least that many rows. */
  isRowCountCapped: boolean;
  perPageOptions: readonly number[];
  canPrevious: boolean;
  canNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onPageSizeChange: (pageSize: number) => void;
};

/** Total, rows per page and previous/next for a server-paged table. */
export function DataTablePagination(props: TDataTablePaginationProps) {
  const t = useTranslations("table");
  const perPageId = useId();
  return (
    <nav
      aria-label={t("pagination")}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600"
    >
      <p data-testid="table-total">
        {t(props.isRowCountCapped ? "totalCapped" : "total", { count: props.rowCount })}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <div className="flex items-center gap-2">
          <label htmlFor={perPageId}>{t("perPage")}</label>
          <select
            id={perPageId}
            value={props.pageSize}
            onChange={(event) => props.onPageSizeChange(Number(event.target.value))}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800"
          >
            {props.perPageOptions.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        <p aria-live="polite">
          {t("pageOf", { page: props.pageIndex + 1, pages: Math.max(1, props.pageCount) })}
        </p>
        <div className="flex gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={props.onPrevious}
            disabled={!props.canPrevious}
          >
            {t("previous")}
          </Button>
          <Button variant="secondary" size="sm" onClick={props.onNext} disabled={!props.canNext}>
            {t("next")}
          </Button>
        </div>
      </div>
    </nav>
  );
}
