import { ownValue } from "@/lib/own-value";
import type { TCallEventKind } from "@/server/domain/calls/call-event";
import { storedKindOf } from "@/server/domain/calls/stored-call-event";

/**
 * `CallEvent.type` keeps the provider's own event name (docs/telephony-calls.md). The timeline and
 * the legs read it back in the neutral model's words; a name not listed here (a provider's new
 * event) is shown as sent.
 */
const KIND_OF_PROVIDER_EVENT: Readonly<Record<string, TCallEventKind>> = {
  NOTIFY_START: "started",
  NOTIFY_IVR: "ivr",
  NOTIFY_INTERNAL: "ringing",
  NOTIFY_ANSWER: "answered",
  NOTIFY_END: "ended",
  NOTIFY_OUT_START: "out_started",
  NOTIFY_OUT_END: "ended",
  NOTIFY_RECORD: "recording_ready",
  statistics: "summary",
};

/**
 * The neutral kind of a stored event: the one its payload keeps when it has one (a Mango
 * `events/call` is ringing, answered or a leg change depending on its state), else by its name.
 */
export const callEventKindOf = (type: string, payload?: unknown): TCallEventKind | null => {
  const stored = storedKindOf(payload);
  return stored ?? ownValue(KIND_OF_PROVIDER_EVENT, type) ?? null;
};

export type TTimelineEvent = {
  id: string;
  type: string;
  extension: string | null;
  at: Date;
  payload?: unknown;
};

/** One extension's part in a call: when it rang (or dialled out) and whether it picked up. */
export type TCallLeg = { extension: string; rungAt: Date | null; answeredAt: Date | null };

/**
 * The extensions a call reached, in the order they first rang (by number when at once): each one
 * rung (or dialling out) and, if it did, when it answered. Events arrive in any order, so the
 * earliest time of each kind wins and the result does not depend on the order given.
 */
export function callLegsOf(events: readonly TTimelineEvent[]): TCallLeg[] {
  const legs = new Map<string, TCallLeg>();
  const earliest = (current: Date | null, next: Date) =>
    current && current <= next ? current : next;
  for (const event of events) {
    const kind = callEventKindOf(event.type, event.payload);
    if (!event.extension || (kind !== "ringing" && kind !== "answered" && kind !== "out_started"))
      continue;
    const leg = legs.get(event.extension) ?? {
      extension: event.extension,
      rungAt: null,
      answeredAt: null,
    };
    if (kind === "answered") leg.answeredAt = earliest(leg.answeredAt, event.at);
    else leg.rungAt = earliest(leg.rungAt, event.at);
    legs.set(event.extension, leg);
  }
  const firstSeen = (leg: TCallLeg) =>
    Math.min(leg.rungAt?.getTime() ?? Infinity, leg.answeredAt?.getTime() ?? Infinity);
  return [...legs.values()].sort(
    (a, b) => firstSeen(a) - firstSeen(b) || a.extension.localeCompare(b.extension),
  );
}
