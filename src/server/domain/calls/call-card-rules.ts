import {
  parseTelephonySettings,
  type TTelephonySettings,
} from "@/server/domain/telephony/settings";

/**
 * Who sees an incoming call's card, a setting of the telephony connection (`Connection.settings.popup`,
 * issue 9 §2): the members mapped to the extensions the call rang, or every member of the workspace.
 */
export type TPopupSetting = TTelephonySettings["popup"];

/** Read defensively (parseTelephonySettings): a missing, malformed or unknown value is the narrow default. */
export const readPopupSetting = (settings: unknown): TPopupSetting =>
  parseTelephonySettings(settings).popup;

/**
 * The memberships a call's card goes to, or `"everyone"` (one event with no membership). Only an
 * incoming call can go to every agent: an outgoing call is the placing member's own business, so it
 * goes to the members of its extensions whatever the setting.
 */
export function decideCallCardRecipients({
  popup,
  direction,
  rungMembershipIds,
}: {
  popup: TPopupSetting;
  direction: "incoming" | "outgoing" | "internal";
  rungMembershipIds: readonly string[];
}): string[] | "everyone" {
  if (direction === "incoming" && popup === "all_agents") return "everyone";
  return [...new Set(rungMembershipIds)].sort();
}

/** A card stays worth showing this long after its call ended (the UI shows the outcome, then closes). */
const ENDED_CARD_FRESH_MS = 2 * 60 * 1000;
/** Longer than any real ring or talk: a call still "ringing" after it is a lost end event, not a live call. */
const LIVE_CALL_MAX_MS = 4 * 60 * 60 * 1000;

/**
 * Whether a change of this call is news for the people on the phone now. Backfilled and reconciled
 * calls (statistics of yesterday) and replays of old events change the calls table, not anyone's screen.
 */
export function isCallCardLive(
  call: { state: "ringing" | "answered" | "ended"; startedAt: Date; endedAt: Date | null },
  now: Date,
): boolean {
  if (call.state === "ended")
    return call.endedAt !== null && now.getTime() - call.endedAt.getTime() <= ENDED_CARD_FRESH_MS;
  return now.getTime() - call.startedAt.getTime() <= LIVE_CALL_MAX_MS;
}
