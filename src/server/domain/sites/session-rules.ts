import type { TCampaignMarks } from "@/server/domain/sites/derive-session-attribution";

/** A visit ends after 30 minutes without hits (the tracker applies the same rule to its cookie). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

type TMarkName = "utmSource" | "utmCampaign" | "yclid" | "gclid" | "fbclid";

/** The marks that identify a campaign: a different value in any of them is a new visit. */
const CAMPAIGN_MARKS: readonly TMarkName[] = [
  "utmSource",
  "utmCampaign",
  "yclid",
  "gclid",
  "fbclid",
];

export type TOpenSession = { sessionKey: string; lastSeenAt: Date } & Pick<
  TCampaignMarks,
  TMarkName
>;

const same = (a: string | null, b: string | null) =>
  (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

/**
 * Whether a hit continues the visitor's latest session: the tracker kept the same session key, less
 * than 30 minutes passed, and the hit brings no new campaign (a hit without campaign marks, e.g. an
 * internal page, never starts one).
 */
export function continuesSession(
  session: TOpenSession,
  hit: { sessionKey: string; marks: TCampaignMarks; at: Date },
): boolean {
  if (session.sessionKey !== hit.sessionKey) return false;
  if (hit.at.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS) return false;
  return CAMPAIGN_MARKS.every(
    (mark) => hit.marks[mark] === null || same(hit.marks[mark], session[mark]),
  );
}
