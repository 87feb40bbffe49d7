"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { DetailSection } from "@/components/data-table/detail-section";
import { formatClockDuration } from "@/lib/format-duration";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { clientPageHref } from "./call-client-cell";
import { CallDirectionLabel } from "./call-direction-label";
import { CallStatusBadge } from "./call-status-badge";
import type { TCallDetail } from "./call-types";

/** The caller's earlier calls (the latest few; the client page has the whole history), each opening in the drawer. */
export function CallClientHistory({
  slug,
  call,
  timeZone,
  onOpenCall,
}: {
  slug: string;
  call: TCallDetail;
  timeZone: string;
  onOpenCall: (callId: string) => void;
}) {
  const t = useTranslations("calls.drawer");
  const dateTime = useWorkspaceDateTime(timeZone);
  return (
    <DetailSection title={t("sections.history")} testId="call-client-history">
      {call.client ? (
        <p className="mb-3 text-sm">
          <Link
            href={clientPageHref(slug, call.client.id)}
            className="font-medium text-brand-700 hover:underline"
          >
            {t("openClient")}
          </Link>
        </p>
      ) : (
        <p className="mb-3 text-sm text-slate-500">{t("noClient")}</p>
      )}
      <h4 className="mb-2 text-sm font-medium text-slate-700">{t("earlierCalls")}</h4>
      {call.earlierCalls.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noEarlierCalls")}</p>
      ) : null}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {call.earlierCalls.map((earlier) => (
          <li key={earlier.id}>
            <button
              type="button"
              onClick={() => onOpenCall(earlier.id)}
              className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:bg-brand-50 focus-visible:outline-none"
            >
              <span className="tabular-nums text-slate-600">{dateTime(earlier.startedAt)}</span>
              <CallDirectionLabel direction={earlier.direction} />
              <CallStatusBadge status={earlier.status} />
              <span className="tabular-nums text-slate-500">
                {formatClockDuration(earlier.talkSeconds)}
              </span>
              {earlier.employeeName ? (
                <span className="text-slate-600">{earlier.employeeName}</span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}
