"use client";

import { useTranslations } from "next-intl";

import { isUnansweredIncoming } from "@/server/domain/calls/call-status";

import type { TCallRow } from "./call-types";
import { useSpanText } from "./use-span-text";

/** Seconds from a missed call's start to the start of the call that returned it (docs/telephony-calls.md, "Called back"). */
export const secondsToCallback = (
  call: Pick<TCallRow, "startedAt" | "calledBackAt">,
): number | null =>
  call.calledBackAt ? (call.calledBackAt.getTime() - call.startedAt.getTime()) / 1000 : null;

/** Under a missed call: whether and how soon someone called back. Nothing for other calls. */
export function CallCallbackNote({ call }: { call: TCallRow }) {
  const t = useTranslations("calls.callback");
  const spanText = useSpanText();
  if (!isUnansweredIncoming(call)) return null;
  const seconds = secondsToCallback(call);
  return seconds === null ? (
    <span data-testid="call-not-called-back" className="block text-xs font-medium text-red-700">
      {t("notCalledBack")}
    </span>
  ) : (
    <span data-testid="call-called-back" className="block text-xs text-slate-500">
      {t("calledBack", { span: spanText(seconds) })}
    </span>
  );
}
