// The fault bodies the telephony emulators' control APIs share: how often a fault fires, the faults of
// an HTTP answer (5xx, latency, no answer, a body cut in half) and of an outgoing webhook (copies, delay,
// a forged signature, dropped). Each emulator adds its own match fields and modes.

import { z } from "zod";

export const faultCommon = {
  times: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
};

const delayMs = z.number().int().nonnegative().max(120_000);

/** `common` carries the emulator's match fields. */
export const httpFaultVariants = <Common extends z.ZodRawShape>(common: Common) =>
  [
    z.strictObject({
      ...common,
      mode: z.literal("http_error"),
      status: z.union([z.literal(500), z.literal(502), z.literal(503)]).optional(),
    }),
    z.strictObject({ ...common, mode: z.literal("latency"), ms: delayMs }),
    /** Never answers; the socket stays open until the client gives up. */
    z.strictObject({ ...common, mode: z.literal("hang") }),
    /** A 200 whose JSON body stops halfway. */
    z.strictObject({ ...common, mode: z.literal("malformed_json") }),
  ] as const;

export const deliveryFaultVariants = <Common extends z.ZodRawShape>(common: Common) =>
  [
    z.strictObject({
      ...common,
      mode: z.literal("duplicate"),
      copies: z.number().int().min(2).max(20).optional(),
    }),
    /** The later webhooks of the call overtake the delayed one. */
    z.strictObject({ ...common, mode: z.literal("delay"), ms: delayMs }),
    /** Signed with a wrong secret. */
    z.strictObject({ ...common, mode: z.literal("bad_signature") }),
    z.strictObject({ ...common, mode: z.literal("drop") }),
  ] as const;
