"use client";

import { useTranslations } from "next-intl";

import { cn } from "@/lib/cn";
import type { TCallStatus } from "@/server/domain/calls/call-filters";

/** Green for a conversation, red for a call lost to the company, amber for the line, grey otherwise. */
export const CALL_STATUS_CLASS: Record<TCallStatus, string> = {
  in_progress: "bg-blue-50 text-blue-700 ring-blue-200",
  answered: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  missed: "bg-red-50 text-red-700 ring-red-200",
  not_answered: "bg-slate-100 text-slate-700 ring-slate-200",
  busy: "bg-amber-50 text-amber-800 ring-amber-200",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

export function CallStatusBadge({ status }: { status: TCallStatus }) {
  const t = useTranslations("calls.statuses");
  return (
    <span
      data-call-status={status}
      className={cn(
        "inline-block whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        CALL_STATUS_CLASS[status],
      )}
    >
      {t(status)}
    </span>
  );
}
