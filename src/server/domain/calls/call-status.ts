import type { Prisma } from "@generated/prisma/client";

import type { TCallStatus } from "@/server/domain/calls/call-filters";

/** The columns a call's status is read from. */
export type TCallStatusInput = {
  direction: "incoming" | "outgoing" | "internal";
  state: "ringing" | "answered" | "ended";
  disposition: "answered" | "no_answer" | "busy" | "cancelled" | "failed" | null;
  answeredAt: Date | null;
};

/**
 * A call's outcome in the table's words. A call still going (ringing or talking) is `in_progress`.
 * An ended call is what its disposition says; an ended call without one (a provider that sent no
 * end reason) is answered when an extension picked up, else missed or not answered. An incoming call
 * nobody took — no answer, or the caller hung up while it rang — is `missed`: for the company that
 * is the same lost call; `cancelled` is kept for our own side giving up on an outgoing call.
 */
export function callStatusOf({
  direction,
  state,
  disposition,
  answeredAt,
}: TCallStatusInput): TCallStatus {
  if (state !== "ended") return "in_progress";
  const isIncoming = direction === "incoming";
  switch (disposition) {
    case "answered":
      return "answered";
    case "busy":
      return "busy";
    case "failed":
      return "failed";
    case "cancelled":
      return isIncoming ? "missed" : "cancelled";
    case "no_answer":
      return isIncoming ? "missed" : "not_answered";
    case null:
      return answeredAt ? "answered" : isIncoming ? "missed" : "not_answered";
  }
}

const ENDED = { state: "ended" } as const satisfies Prisma.CallWhereInput;
const NO_DISPOSITION_ANSWERED = {
  disposition: null,
  ...ENDED,
  answeredAt: { not: null },
} as const satisfies Prisma.CallWhereInput;
const NO_DISPOSITION_UNANSWERED = {
  disposition: null,
  ...ENDED,
  answeredAt: null,
} as const satisfies Prisma.CallWhereInput;
const NOT_INCOMING = { direction: { not: "incoming" } } as const satisfies Prisma.CallWhereInput;

/**
 * The rows `callStatusOf` gives each status, as a condition (the calls integration test checks both
 * agree). A disposition comes only with the call's end (docs/telephony-calls.md), so a condition on
 * one needs no `state = ended` beside it: `busy` and `failed` are then the bare
 * (tenantId, disposition, startedAt DESC, id DESC) index, which the capped count walks and stops.
 */
const WHERE_OF_STATUS: Record<TCallStatus, Prisma.CallWhereInput> = {
  in_progress: { state: { in: ["ringing", "answered"] } },
  answered: { OR: [{ disposition: "answered" }, NO_DISPOSITION_ANSWERED] },
  missed: {
    direction: "incoming",
    OR: [{ disposition: { in: ["no_answer", "cancelled"] } }, NO_DISPOSITION_UNANSWERED],
  },
  not_answered: { ...NOT_INCOMING, OR: [{ disposition: "no_answer" }, NO_DISPOSITION_UNANSWERED] },
  busy: { disposition: "busy" },
  cancelled: { ...NOT_INCOMING, disposition: "cancelled" },
  failed: { disposition: "failed" },
};

export const callStatusWhere = (status: TCallStatus): Prisma.CallWhereInput =>
  WHERE_OF_STATUS[status];

/**
 * Incoming calls that ended without anyone answering (missed, busy, failed) and that nobody has
 * called back since: the «не перезвонили» filter. Spelled out rather than `NOT answered`: SQL's NOT
 * of a comparison with a NULL disposition is NULL, which would drop the calls without one.
 */
export const MISSED_NOT_CALLED_BACK_WHERE: Prisma.CallWhereInput = {
  direction: "incoming",
  calledBackAt: null,
  OR: [
    { disposition: { in: ["no_answer", "cancelled", "busy", "failed"] } },
    NO_DISPOSITION_UNANSWERED,
  ],
};

/** An incoming call that ended unanswered: the drawer and table then say whether it was called back. */
export const isUnansweredIncoming = (call: TCallStatusInput): boolean =>
  call.direction === "incoming" && call.state === "ended" && callStatusOf(call) !== "answered";
