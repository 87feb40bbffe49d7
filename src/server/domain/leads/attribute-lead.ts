import type { LeadAttributionRule, TrafficChannel } from "@generated/prisma/client";

/** What a lead copies from the session that brought it (issue 4 §3: «Session data on the lead»). */
export type TLeadSessionSnapshot = {
  id: string;
  siteId: string;
  sessionKey: string;
  startedAt: Date;
  sourceId: string | null;
  campaignId: string | null;
  channel: TrafficChannel;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  landingUrl: string;
  referrer: string | null;
  yclid: string | null;
  gclid: string | null;
  fbclid: string | null;
};

/** A session that opened the widget, or whose captured phone/e-mail equals the lead's, at `at`. */
export type TSessionEvent = { at: Date; session: TLeadSessionSnapshot };

export type TLeadAttributionSettings = {
  trafficType: "source" | "campaign";
  widgetOpenWindowMinutes: number;
  contactMatchWindowDays: number;
};

/** Everything the rules look at; `findAttributionCandidates` loads it, tests build it by hand. */
export type TAttributionCandidates = {
  /** Rows whose `sessionKey` is the booking's `svyaz_sid` (normally one; more after a rollover). */
  carriedSessions: TLeadSessionSnapshot[];
  /** Widget opens on the tenant's sites shortly before the booking. */
  widgetOpens: TSessionEvent[];
  /** Captured contacts equal to the lead's phone or e-mail within the match window. */
  contactMatches: TSessionEvent[];
  defaultSource: { id: string; channel: TrafficChannel } | null;
  defaultSiteId: string | null;
  defaultCampaign: { id: string; sourceId: string; channel: TrafficChannel } | null;
};

export type TLeadAttribution = {
  rule: LeadAttributionRule;
  sessionId: string | null;
  siteId: string | null;
  sourceId: string | null;
  campaignId: string | null;
  channel: TrafficChannel | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  landingUrl: string | null;
  referrer: string | null;
  yclid: string | null;
  gclid: string | null;
  fbclid: string | null;
};

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const EMPTY_SESSION_DATA = {
  sessionId: null,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  utmContent: null,
  utmTerm: null,
  landingUrl: null,
  referrer: null,
  yclid: null,
  gclid: null,
  fbclid: null,
} as const;

const fromSession = (
  rule: LeadAttributionRule,
  session: TLeadSessionSnapshot,
): TLeadAttribution => ({
  rule,
  sessionId: session.id,
  siteId: session.siteId,
  sourceId: session.sourceId,
  campaignId: session.campaignId,
  channel: session.channel,
  utmSource: session.utmSource,
  utmMedium: session.utmMedium,
  utmCampaign: session.utmCampaign,
  utmContent: session.utmContent,
  utmTerm: session.utmTerm,
  landingUrl: session.landingUrl,
  referrer: session.referrer,
  yclid: session.yclid,
  gclid: session.gclid,
  fbclid: session.fbclid,
});

const within = (at: Date, from: number, to: number) => at.getTime() >= from && at.getTime() <= to;

/** Rule 1: of the rows sharing the carried key, the latest one started by the booking (else the latest). */
function carriedSession(
  sessions: TLeadSessionSnapshot[],
  bookedAt: Date,
): TLeadSessionSnapshot | null {
  const byStartDesc = [...sessions].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  return byStartDesc.find((session) => session.startedAt <= bookedAt) ?? byStartDesc[0] ?? null;
}

/** Rule 2: exactly one session opened the widget in the window; two or more are ambiguous. */
function singleWidgetSession(
  opens: TSessionEvent[],
  bookedAt: Date,
  windowMinutes: number,
): TLeadSessionSnapshot | null {
  const to = bookedAt.getTime();
  const sessions = new Map(
    opens
      .filter((open) => within(open.at, to - windowMinutes * MINUTE_MS, to))
      .map((open) => [open.session.id, open.session]),
  );
  return sessions.size === 1 ? ([...sessions.values()][0] ?? null) : null;
}

/**
 * Rule 3, the `nearestUniq` idea (lead-attribution §1): the session with the latest match before the
 * booking, unless another session matched at that same instant.
 */
function nearestContactSession(
  matches: TSessionEvent[],
  bookedAt: Date,
  windowDays: number,
): TLeadSessionSnapshot | null {
  const to = bookedAt.getTime();
  const latestBySession = new Map<string, TSessionEvent>();
  for (const match of matches) {
    if (!within(match.at, to - windowDays * DAY_MS, to)) continue;
    const seen = latestBySession.get(match.session.id);
    if (!seen || seen.at < match.at) latestBySession.set(match.session.id, match);
  }
  const [nearest, runnerUp] = [...latestBySession.values()].sort(
    (a, b) => b.at.getTime() - a.at.getTime(),
  );
  if (!nearest || (runnerUp && runnerUp.at.getTime() === nearest.at.getTime())) return null;
  return nearest.session;
}

/**
 * Attributes a widget booking (lead-attribution §2), trying in order: the session id carried by the
 * booking, the single session that opened the widget shortly before, the nearest unique contact
 * match, and the tenant's default («Тип трафика»: source + site, or ad campaign). Pure.
 */
export function attributeLead(input: {
  bookedAt: Date;
  candidates: TAttributionCandidates;
  settings: TLeadAttributionSettings;
}): TLeadAttribution {
  const { bookedAt, candidates, settings } = input;
  const carried = carriedSession(candidates.carriedSessions, bookedAt);
  if (carried) return fromSession("session_id", carried);
  const opened = singleWidgetSession(
    candidates.widgetOpens,
    bookedAt,
    settings.widgetOpenWindowMinutes,
  );
  if (opened) return fromSession("widget_open", opened);
  const matched = nearestContactSession(
    candidates.contactMatches,
    bookedAt,
    settings.contactMatchWindowDays,
  );
  if (matched) return fromSession("contact_match", matched);
  if (settings.trafficType === "campaign") {
    const campaign = candidates.defaultCampaign;
    return {
      ...EMPTY_SESSION_DATA,
      rule: "default_campaign",
      siteId: candidates.defaultSiteId,
      sourceId: campaign?.sourceId ?? null,
      campaignId: campaign?.id ?? null,
      channel: campaign?.channel ?? null,
    };
  }
  const source = candidates.defaultSource;
  return {
    ...EMPTY_SESSION_DATA,
    rule: "default_source",
    siteId: candidates.defaultSiteId,
    sourceId: source?.id ?? null,
    campaignId: null,
    channel: source?.channel ?? null,
  };
}
