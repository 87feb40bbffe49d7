"use client";

import { useTranslations } from "next-intl";

import { DetailList, DetailSection } from "@/components/data-table/detail-section";
import { formatClockDuration } from "@/lib/format-duration";
import { formatPhone } from "@/lib/phones";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";

import { CallClientCell } from "./call-client-cell";
import { CallDirectionLabel } from "./call-direction-label";
import { CallStatusBadge } from "./call-status-badge";
import type { TCallDetail } from "./call-types";

/** The call's own fields. */
export function CallSummary({
  slug,
  call,
  timeZone,
}: {
  slug: string;
  call: TCallDetail;
  timeZone: string;
}) {
  const t = useTranslations("calls");
  const dateTime = useWorkspaceDateTime(timeZone);
  const field = (key: string) => t(`drawer.fields.${key}`);
  return (
    <DetailSection title={t("drawer.sections.call")}>
      <DetailList
        items={[
          { label: field("status"), value: <CallStatusBadge status={call.status} /> },
          { label: field("direction"), value: <CallDirectionLabel direction={call.direction} /> },
          {
            label: field("client"),
            value: (
              <span className="inline-flex items-start gap-2">
                <CallClientCell slug={slug} call={call} />
              </span>
            ),
          },
          { label: field("caller"), value: call.isFirstCall ? t("firstCall") : t("repeatCall") },
          { label: field("companyNumber"), value: formatPhone(call.companyNumber) },
          {
            label: field("employee"),
            value:
              call.employeeName ??
              (call.extension ? t("extension", { extension: call.extension }) : null),
          },
          { label: field("startedAt"), value: dateTime(call.startedAt) },
          { label: field("answeredAt"), value: dateTime(call.answeredAt) },
          { label: field("endedAt"), value: dateTime(call.endedAt) },
          { label: field("waitSeconds"), value: formatClockDuration(call.waitSeconds) },
          { label: field("talkSeconds"), value: formatClockDuration(call.talkSeconds) },
          { label: field("rawDisposition"), value: call.rawDisposition },
        ]}
      />
    </DetailSection>
  );
}
