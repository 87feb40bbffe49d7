"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { RecordingPlayer } from "@/components/calls/recording-player";
import { DetailDrawer } from "@/components/data-table/detail-drawer";
import { DetailSection } from "@/components/data-table/detail-section";
import { LoadState } from "@/components/data-table/load-state";
import { formatPhone } from "@/lib/phones";
import { useWorkspaceDateTime } from "@/lib/use-workspace-date-time";
import { useTRPC } from "@/trpc/react";

import { CallCallbackSection } from "./call-callback-section";
import { CallClientHistory } from "./call-client-history";
import { CallSummary } from "./call-summary";
import { CallLegsSection, CallTimelineSection } from "./call-timeline-section";
import { CallTrafficSection } from "./call-traffic-section";

/** The open call (`?call=<id>`), refreshed with the list (`useLiveCalls`) so a call in progress, its callback and its recording show up while reading. */
export function CallDrawer({
  slug,
  callId,
  timeZone,
  onOpenCall,
  onClose,
}: {
  slug: string;
  callId: string;
  timeZone: string;
  onOpenCall: (callId: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("calls");
  const trpc = useTRPC();
  const dateTime = useWorkspaceDateTime(timeZone);
  const call = useQuery(trpc.calls.detail.queryOptions({ callId }));
  const data = call.data;
  const title = data
    ? (data.clientName ?? formatPhone(data.clientPhone) ?? t("drawer.title"))
    : t("drawer.title");
  return (
    <DetailDrawer
      title={title}
      subtitle={data ? dateTime(data.startedAt) : null}
      onClose={onClose}
      testId="call-drawer"
    >
      {data ? (
        <div className="space-y-5">
          <CallSummary slug={slug} call={data} timeZone={timeZone} />
          <CallCallbackSection call={data} timeZone={timeZone} onOpenCall={onOpenCall} />
          {data.traffic ? <CallTrafficSection traffic={data.traffic} /> : null}
          <DetailSection title={t("drawer.sections.recording")}>
            {/* A new player per call: the audio element starts from the new call's recording. */}
            <RecordingPlayer
              key={data.id}
              callId={data.id}
              recordingState={data.recordingState}
              durationHint={data.talkSeconds}
            />
          </DetailSection>
          <CallLegsSection legs={data.legs} timeZone={timeZone} />
          <CallTimelineSection events={data.events} timeZone={timeZone} />
          <CallClientHistory slug={slug} call={data} timeZone={timeZone} onOpenCall={onOpenCall} />
        </div>
      ) : (
        <LoadState error={call.error} loadingText={t("drawer.loading")} />
      )}
    </DetailDrawer>
  );
}
