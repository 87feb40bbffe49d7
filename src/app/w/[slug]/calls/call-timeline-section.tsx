"use client";

import { useTranslations } from "next-intl";

import { DetailSection } from "@/components/data-table/detail-section";
import { useWorkspaceTime } from "@/lib/use-workspace-time";

import type { TCallDetail } from "./call-types";

type TCallEvent = TCallDetail["events"][number];
const KINDS_WITH_SOMEONE = new Set(["ringing", "answered", "out_started", "leg_changed"]);

/** An event in plain words: who rang or answered by name (else by extension), how the call ended. */
function useEventText() {
  const t = useTranslations("calls");
  return (event: TCallEvent) => {
    const who =
      event.employeeName ??
      (event.extension ? t("extension", { extension: event.extension }) : t("events.nobody"));
    if (!event.kind) return t("events.unknown", { type: event.type });
    if (KINDS_WITH_SOMEONE.has(event.kind)) return t(`events.${event.kind}`, { who });
    const outcome =
      typeof event.payload.disposition === "string" ? event.payload.disposition : null;
    if (event.kind === "ended" && outcome) return t("events.endedWith", { outcome });
    return t(`events.${event.kind}`);
  };
}

/** The call's events in the order they happened, with the provider's own event name on hover. */
export function CallTimelineSection({
  events,
  timeZone,
}: {
  events: TCallDetail["events"];
  timeZone: string;
}) {
  const t = useTranslations("calls.drawer");
  const format = useWorkspaceTime(timeZone);
  const eventText = useEventText();
  return (
    <DetailSection title={t("sections.timeline")} testId="call-timeline">
      {events.length === 0 ? <p className="text-sm text-slate-500">{t("noEvents")}</p> : null}
      <ol className="space-y-2 border-l border-slate-200 pl-4">
        {events.map((event) => (
          <li key={event.id} data-event-type={event.type} className="relative text-sm">
            <span
              aria-hidden="true"
              className="absolute -left-[1.3rem] top-1.5 size-2 rounded-full bg-slate-300"
            />
            <span className="mr-2 tabular-nums text-slate-500">{format(event.at)}</span>
            <span className="text-slate-900" title={event.type}>
              {eventText(event)}
            </span>
          </li>
        ))}
      </ol>
    </DetailSection>
  );
}

/** The extensions the call reached: who rang, who answered and when. */
export function CallLegsSection({
  legs,
  timeZone,
}: {
  legs: TCallDetail["legs"];
  timeZone: string;
}) {
  const t = useTranslations("calls");
  const format = useWorkspaceTime(timeZone);
  return (
    <DetailSection title={t("drawer.sections.legs")} testId="call-legs">
      {legs.length === 0 ? <p className="text-sm text-slate-500">{t("drawer.noLegs")}</p> : null}
      <ul className="space-y-1.5">
        {legs.map((leg) => (
          <li
            key={leg.extension}
            data-extension={leg.extension}
            className="flex flex-wrap items-baseline gap-x-3 text-sm"
          >
            <span className="font-medium text-slate-900">
              {leg.employeeName ??
                leg.extensionName ??
                t("extension", { extension: leg.extension })}
            </span>
            <span className="text-xs text-slate-500">
              {t("extension", { extension: leg.extension })}
            </span>
            {leg.rungAt ? (
              <span className="text-slate-600">
                {t("drawer.legRang", { at: format(leg.rungAt) ?? "" })}
              </span>
            ) : null}
            <span className={leg.answeredAt ? "text-emerald-700" : "text-slate-500"}>
              {leg.answeredAt
                ? t("drawer.legAnswered", { at: format(leg.answeredAt) ?? "" })
                : t("drawer.legMissed")}
            </span>
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}
