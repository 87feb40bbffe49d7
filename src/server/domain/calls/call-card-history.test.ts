import { describe, expect, it } from "vitest";

import type { TClientHistory } from "@/server/domain/clients/client-history";

import { summariseHistoryForCard } from "./call-card-history";

const now = new Date("2026-03-01T12:00:00Z");
const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

const deal = (
  id: string,
  visitStartAt: Date | null,
  stage: string,
  stageGroup: string,
): TClientHistory["deals"][number] => ({
  id,
  name: "Стрижка",
  visitStartAt,
  visitEndAt: null,
  stage,
  stageGroup,
  amountMinor: 250_000,
  currency: "RUB",
  crmCreatedAt: null,
});
const call = (
  id: string,
  startedAt: Date,
  disposition: string | null,
): TClientHistory["calls"][number] => ({
  id,
  direction: "incoming",
  state: "ended",
  startedAt,
  answeredAt: null,
  endedAt: startedAt,
  waitSeconds: null,
  talkSeconds: null,
  disposition,
  extension: null,
  membershipId: null,
  recordingState: "none",
  isFirstCall: false,
  calledBackAt: null,
});
const lead = (
  fields: Partial<TClientHistory["leads"][number]>,
): TClientHistory["leads"][number] => ({
  id: "lead_1",
  crmCreatedAt: hoursFromNow(-30),
  channel: null,
  sourceName: null,
  campaignName: null,
  declaredSource: null,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  utmContent: null,
  utmTerm: null,
  dealId: null,
  ...fields,
});
const options = { callId: "call_now", callStartedAt: now, now };

describe("summariseHistoryForCard", () => {
  it("picks the soonest visit that will take place and the latest one before now", () => {
    const deals = [
      deal("later", hoursFromNow(48), "scheduled", "in_work"),
      deal("cancelled", hoursFromNow(2), "cancelled", "lost"),
      deal("soon", hoursFromNow(5), "confirmed", "in_work"),
      deal("undated", null, "scheduled", "in_work"),
      deal("missed", hoursFromNow(-3), "missed", "lost"),
      deal("old", hoursFromNow(-300), "finished", "won"),
    ];
    const summary = summariseHistoryForCard({ deals, calls: [], leads: [] }, options);
    expect([
      summary.nextVisit?.dealId,
      summary.lastVisit?.dealId,
      summary.lastVisit?.stage,
    ]).toEqual(["soon", "missed", "missed"]);
    expect(summary.nextVisit).toEqual({
      dealId: "soon",
      at: hoursFromNow(5).toISOString(),
      stage: "confirmed",
      stageGroup: "in_work",
      amountMinor: 250_000,
      currency: "RUB",
    });
    expect(summary.isReturning).toBe(true);
  });

  it("takes the last call before this one, never this one itself", () => {
    const calls = [
      call("call_now", now, null),
      call("call_later", hoursFromNow(1), null),
      call("call_before", hoursFromNow(-24), "no_answer"),
      call("call_older", hoursFromNow(-48), "answered"),
    ];
    expect(summariseHistoryForCard({ deals: [], calls, leads: [] }, options).lastCall).toEqual({
      callId: "call_before",
      at: hoursFromNow(-24).toISOString(),
      direction: "incoming",
      disposition: "no_answer",
    });
  });

  it("names the last lead's source and campaign, falling back to what the client said and the raw UTM tags", () => {
    const named = summariseHistoryForCard(
      {
        deals: [],
        calls: [],
        leads: [
          lead({
            sourceName: "Яндекс Директ",
            campaignName: "Весна",
            declaredSource: "Instagram",
            utmCampaign: "spring",
          }),
        ],
      },
      options,
    );
    expect(named.lastLead).toMatchObject({ source: "Яндекс Директ", campaign: "Весна" });
    expect(
      summariseHistoryForCard(
        {
          deals: [],
          calls: [],
          leads: [lead({ declaredSource: "Instagram", utmSource: "ig", utmCampaign: "spring" })],
        },
        options,
      ).lastLead,
    ).toMatchObject({ source: "Instagram", campaign: "spring" });
    expect(
      summariseHistoryForCard(
        { deals: [], calls: [], leads: [lead({ utmSource: "google" })] },
        options,
      ).lastLead,
    ).toMatchObject({ source: "google", campaign: null });
  });

  it("calls a client with nothing before this call new", () => {
    expect(
      summariseHistoryForCard(
        { deals: [], calls: [call("call_now", now, null)], leads: [] },
        options,
      ),
    ).toEqual({
      isReturning: false,
      nextVisit: null,
      lastVisit: null,
      lastLead: null,
      lastCall: null,
    });
  });
});
