import { ownValue } from "@/lib/own-value";
import type { TCallDisposition } from "@/server/domain/calls/call-event";

// docs/telephony-zadarma.md, "Dispositions". Every value outside the first four (`failed`, `no
// money`, `unallocated number`, the limit family, statistics' `call failed`, anything new) is a
// failure of the call itself; the raw value is kept beside the normalised one.
const NORMALISED: Readonly<Record<string, TCallDisposition>> = {
  answered: "answered",
  "no answer": "no_answer",
  busy: "busy",
  cancel: "cancelled",
};

/** Zadarma's `disposition` (webhooks or statistics) in the neutral model's words. */
export const normalizeZadarmaDisposition = (raw: string): TCallDisposition =>
  ownValue(NORMALISED, raw.trim().toLowerCase()) ?? "failed";
