"use client";

import { useTranslations } from "next-intl";

import { CallButton } from "@/components/calls/call-button";
import { DetailSection } from "@/components/data-table/detail-section";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";
import { isUnansweredIncoming } from "@/server/domain/calls/call-status";

import { secondsToCallback } from "./call-callback-note";
import type { TCallDetail } from "./call-types";
import { useSpanText } from "./use-span-text";

/** For a missed call: when someone called back and how soon, with a way to that call, or that nobody has; and «Перезвонить». */
export function CallCallbackSection({
  call,
  timeZone,
  onOpenCall,
}: {
  call: TCallDetail;
  timeZone: string;
  onOpenCall: (callId: string) => void;
}) {
  const t = useTranslations("calls");
  const dateTime = useWorkspaceDateTime(timeZone);
  const spanText = useSpanText();
  if (!isUnansweredIncoming(call)) return null;
  const seconds = secondsToCallback(call);
  return (
    <DetailSection title={t("drawer.sections.callback")} testId="call-callback">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {seconds === null || !call.calledBackAt ? (
          <p className="text-sm font-medium text-red-700">{t("callback.notCalledBack")}</p>
        ) : (
          <p className="flex flex-wrap items-baseline gap-x-3 text-sm text-slate-700">
            {t("callback.calledBackAt", {
              at: dateTime(call.calledBackAt) ?? "",
              span: spanText(seconds),
            })}
            {call.calledBackCallId ? (
              <button
                type="button"
                onClick={() => onOpenCall(call.calledBackCallId ?? "")}
                className="text-brand-700 hover:underline"
              >
                {t("callback.openCallback")}
              </button>
            ) : null}
          </p>
        )}
        {call.clientPhone ? (
          <CallButton
            phone={call.clientPhone}
            clientId={call.clientId}
            label={t("callback.callBack")}
          />
        ) : null}
      </div>
    </DetailSection>
  );
}
