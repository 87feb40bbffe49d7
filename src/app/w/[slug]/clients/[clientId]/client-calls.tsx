"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { RecordingPlayer } from "@/components/calls/recording-player";
import { DetailSection } from "@/components/data-table/detail-section";
import { formatClockDuration } from "@/lib/format-duration";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { CallCallbackNote } from "../../calls/call-callback-note";
import { CallDirectionLabel } from "../../calls/call-direction-label";
import { CallStatusBadge } from "../../calls/call-status-badge";
import { callPageHref } from "../../calls/calls-url-state";
import type { TClientDetail } from "./client-types";

/** Every call with the client, newest first, each with its recording. */
export function ClientCalls({
  slug,
  calls,
  timeZone,
}: {
  slug: string;
  calls: TClientDetail["calls"];
  timeZone: string;
}) {
  const t = useTranslations();
  const dateTime = useWorkspaceDateTime(timeZone);
  return (
    <DetailSection title={t("clients.sections.calls")} testId="client-calls">
      {calls.length === 0 ? <p className="text-sm text-slate-500">{t("clients.noCalls")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {calls.map((call) => (
          <li
            key={call.id}
            data-testid="client-call"
            data-call-id={call.id}
            className="grid gap-3 py-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)]"
          >
            <div className="space-y-1 text-sm">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link
                  href={callPageHref(slug, call.id)}
                  className="font-medium tabular-nums text-brand-700 hover:underline"
                >
                  {dateTime(call.startedAt)}
                </Link>
                <CallDirectionLabel direction={call.direction} />
                <CallStatusBadge status={call.status} />
              </div>
              <CallCallbackNote call={call} />
              <p className="text-slate-600">
                {[
                  call.employeeName ??
                    (call.extension ? t("calls.extension", { extension: call.extension }) : null),
                  formatClockDuration(call.talkSeconds),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </div>
            <RecordingPlayer
              callId={call.id}
              recordingState={call.recordingState}
              durationHint={call.talkSeconds}
            />
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}
