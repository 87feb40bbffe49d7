import type { TClientHistory } from "@/server/domain/clients/client-history";

export type TCallDirection = "incoming" | "outgoing" | "internal";
export type TCallDisposition = "answered" | "no_answer" | "busy" | "cancelled" | "failed";
export type TCallCardVisit = {
  dealId: string;
  at: string | null;
  stage: string;
  stageGroup: "in_work" | "won" | "lost";
  amountMinor: number;
  currency: string;
};

/** What the card shows of the client's history (issue 9 §6); times as ISO strings, the card travels as JSON. */
export type TCallCardHistory = {
  /** Known before this call: an earlier call, a deal or a lead. */
  isReturning: boolean;
  /** The soonest visit from now on that is not cancelled or missed. */
  nextVisit: TCallCardVisit | null;
  /** The latest visit before now, whatever became of it. */
  lastVisit: TCallCardVisit | null;
  lastLead: { leadId: string; at: string; source: string | null; campaign: string | null } | null;
  /** The client's latest call before this one. */
  lastCall: {
    callId: string;
    at: string;
    direction: TCallDirection;
    disposition: TCallDisposition | null;
  } | null;
};

export const NO_CARD_HISTORY: TCallCardHistory = {
  isReturning: false,
  nextVisit: null,
  lastVisit: null,
  lastLead: null,
  lastCall: null,
};

type THistoryDeal = TClientHistory["deals"][number];

const toVisit = (deal: THistoryDeal | undefined): TCallCardVisit | null =>
  deal
    ? {
        dealId: deal.id,
        at: deal.visitStartAt?.toISOString() ?? null,
        stage: deal.stage,
        stageGroup: deal.stageGroup as TCallCardVisit["stageGroup"],
        amountMinor: deal.amountMinor,
        currency: deal.currency,
      }
    : null;

const visitTime = (deal: THistoryDeal): number => deal.visitStartAt?.getTime() ?? Number.NaN;

/**
 * The card's view of a client's history (`findClientHistory`, newest first) as of `now`, for the
 * call `callId` that started at `callStartedAt`. A lead's source is the named source, else what the
 * client declared, else the raw `utm_source`; its campaign the named campaign, else `utm_campaign`.
 */
export function summariseHistoryForCard(
  history: Pick<TClientHistory, "calls" | "deals" | "leads">,
  { callId, callStartedAt, now }: { callId: string; callStartedAt: Date; now: Date },
): TCallCardHistory {
  const future = history.deals.filter(
    (deal) => visitTime(deal) >= now.getTime() && deal.stageGroup !== "lost",
  );
  const past = history.deals.filter((deal) => visitTime(deal) < now.getTime());
  const nextVisit = future.reduce<THistoryDeal | undefined>(
    (soonest, deal) => (!soonest || visitTime(deal) < visitTime(soonest) ? deal : soonest),
    undefined,
  );
  const lastVisit = past.reduce<THistoryDeal | undefined>(
    (latest, deal) => (!latest || visitTime(deal) > visitTime(latest) ? deal : latest),
    undefined,
  );
  const [lead] = history.leads;
  const earlierCall = history.calls.find(
    (call) => call.id !== callId && call.startedAt.getTime() < callStartedAt.getTime(),
  );
  return {
    isReturning: history.deals.length > 0 || history.leads.length > 0 || earlierCall !== undefined,
    nextVisit: toVisit(nextVisit),
    lastVisit: toVisit(lastVisit),
    lastLead: lead
      ? {
          leadId: lead.id,
          at: lead.crmCreatedAt.toISOString(),
          source: lead.sourceName ?? lead.declaredSource ?? lead.utmSource,
          campaign: lead.campaignName ?? lead.utmCampaign,
        }
      : null,
    lastCall: earlierCall
      ? {
          callId: earlierCall.id,
          at: earlierCall.startedAt.toISOString(),
          direction: earlierCall.direction as TCallDirection,
          disposition: earlierCall.disposition as TCallDisposition | null,
        }
      : null,
  };
}
