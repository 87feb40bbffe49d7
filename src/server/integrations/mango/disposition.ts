import type { TCallDisposition } from "@/server/domain/calls/call-event";

/**
 * `disconnect_reason` classes (docs/telephony-mango.md §7.3, ours): Mango's codes are grouped by
 * their leading digits — 11xx normal clearing, 2xxx billing, 32xx wrong number, 42xx unreachable.
 * The busy set is **unverified** (our reference names the classes, not the busy codes): it must be
 * checked against the appendix of Mango's API document before it is trusted. A code in no class is
 * not guessed at: the call is `no_answer`, and the raw value is always kept beside it.
 */
const BUSY_CODES: ReadonlySet<number> = new Set([1130, 1131, 1132, 1133, 1134]);

type TClass = { test: (code: number) => boolean; disposition: TCallDisposition };

const FAILURE_CLASSES: readonly TClass[] = [
  /** 2xxx: billing (no money, limits). */
  { test: (code) => code >= 2000 && code <= 2999, disposition: "failed" },
  /** 32xx: wrong or unallocated number. */
  { test: (code) => code >= 3200 && code <= 3299, disposition: "failed" },
  /** 42xx: the number is unreachable. */
  { test: (code) => code >= 4200 && code <= 4299, disposition: "failed" },
  /** 5xxx: a failure inside the VPBX. */
  { test: (code) => code >= 5000 && code <= 5999, disposition: "failed" },
];

/**
 * The normalised disposition of a Mango summary (docs/telephony-mango.md §7.3): answered ⇔
 * `talk_time > 0` (which covers `entry_result = 1`); otherwise busy or failed by the class of
 * `disconnect_reason`, else `no_answer`.
 */
export function normalizeMangoDisposition(
  talkTime: number,
  disconnectReason: number | null,
): TCallDisposition {
  if (talkTime > 0) return "answered";
  if (disconnectReason === null) return "no_answer";
  if (BUSY_CODES.has(disconnectReason)) return "busy";
  return FAILURE_CLASSES.find((entry) => entry.test(disconnectReason))?.disposition ?? "no_answer";
}
