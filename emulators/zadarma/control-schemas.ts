// Request bodies of the control API. The server validates with these and control-client.ts derives its
// parameter types from them, so the two cannot drift apart.

import { z } from "zod";

import { deliveryFaultVariants, faultCommon, httpFaultVariants } from "../common/fault-schemas";
import { isValidTimeZone } from "./datetime";
import { DISPOSITIONS, NOTIFY_EVENTS } from "./types";

export { clientScriptBody, clockBody, resetBody } from "../common/control";

const digits = z.string().regex(/^\d{5,15}$/, "expected 5–15 digits, no +");
const extensionNumber = z.string().regex(/^\d{3,5}$/, "expected a 3–5 digit extension");
const credential = z.string().regex(/^[0-9A-Za-z_-]{4,64}$/, "expected 4–64 of [0-9A-Za-z_-]");
const timezone = z.string().refine(isValidTimeZone, "unknown IANA time zone");
const milliseconds = z.number().int().min(0).max(3_600_000);

export const extensionBody = z.strictObject({
  number: extensionNumber,
  name: z.string().min(1).max(100).optional(),
  online: z.boolean().optional(),
});

export const patchExtensionBody = extensionBody.omit({ number: true });

const timings = z.strictObject({
  ring_timeout_ms: milliseconds.optional(),
  record_delay_ms: milliseconds.optional(),
  max_talk_ms: milliseconds.optional(),
});

const rateLimits = z.strictObject({
  general_per_minute: z.number().int().positive().optional(),
  statistics_per_minute: z.number().int().positive().optional(),
});

const accountSettings = {
  key: credential.optional(),
  secret: credential.optional(),
  balance: z.number().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "expected an ISO 4217 code")
    .optional(),
  timezone: timezone.optional(),
  /** Set directly, without the zd_echo check that `pbx/callinfo/url` performs. */
  notification_url: z.url().nullable().optional(),
  enabled_events: z.array(z.enum(NOTIFY_EVENTS)).optional(),
  numbers: z.array(digits).optional(),
  timings: timings.optional(),
  rate_limits: rateLimits.optional(),
};

export const createAccountBody = z.strictObject({
  id: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,40}$/, "expected 1–40 of [0-9A-Za-z_-]")
    .optional(),
  ...accountSettings,
  extensions: z.array(extensionBody).optional(),
  /** Seed like the demo account: two company numbers, extensions 100–102, all online. */
  demo: z.boolean().optional(),
});

export const patchAccountBody = z.strictObject(accountSettings);

export const scriptedCallBody = z
  .strictObject({
    scenario: z.enum(["incoming", "incoming_transferred", "outgoing"]),
    /** Incoming: the caller (default a random Russian mobile). */
    caller: digits.optional(),
    /** Incoming: the company number dialled (default the account's first). */
    did: digits.optional(),
    /** Incoming: the extensions rung (default every online one). */
    extensions: z.array(extensionNumber).optional(),
    /** Incoming answered: who answers (default the first rung). */
    answered_by: extensionNumber.optional(),
    /** Transferred: who takes the call over. */
    transfer_to: extensionNumber.optional(),
    /** Outgoing: the extension placing the call (default the first). */
    extension: extensionNumber.optional(),
    /** Outgoing: the client's number. */
    destination: digits.optional(),
    disposition: z.enum(DISPOSITIONS).optional(),
    ring_seconds: z.number().int().min(0).max(600).optional(),
    talk_seconds: z.number().int().min(0).max(36_000).optional(),
    /** Backdated start ("YYYY-MM-DD HH:MM:SS" in the account's zone, or ISO with offset): statistics only. */
    at: z.string().min(1).optional(),
    notify: z.boolean().optional(),
    /** Play the timeline on real timers (softphones ring) instead of replaying it at once. */
    live: z.boolean().optional(),
    /** Exact recording size for benchmarks (WAV bytes, header included). */
    recording_bytes: z.number().int().min(44).max(2_000_000_000).optional(),
  })
  .refine((body) => body.scenario !== "incoming_transferred" || body.transfer_to !== undefined, {
    message: "incoming_transferred needs transfer_to",
    path: ["transfer_to"],
  });

export const callActionBody = z.strictObject({
  action: z.enum([
    "answer",
    "decline",
    "hangup",
    "transfer",
    "client_answer",
    "client_decline",
    "client_hangup",
    "caller_hangup",
  ]),
  extension: extensionNumber.optional(),
  to: extensionNumber.optional(),
});

const restFaultMatch = z.strictObject({
  /** `request/callback`, `statistics/pbx` …; leading `/v1/` and slashes are ignored. */
  method: z.string().min(1).optional(),
  account_id: z.string().min(1).optional(),
});

const restFaultCommon = { ...faultCommon, match: restFaultMatch.optional() };

export const restFaultBody = z.discriminatedUnion("mode", [
  ...httpFaultVariants(restFaultCommon),
  z.strictObject({
    ...restFaultCommon,
    mode: z.literal("rate_limit"),
    retry_after: z.number().int().nonnegative().optional(),
  }),
  /** Only `request/callback` reads it: the call is refused as if the balance were empty. */
  z.strictObject({ ...restFaultCommon, mode: z.literal("no_money") }),
]);

export type RestFaultSpec = z.output<typeof restFaultBody>;

const webhookFaultCommon = { ...faultCommon, event: z.enum(NOTIFY_EVENTS).optional() };

export const webhookFaultBody = z.discriminatedUnion("mode", [
  ...deliveryFaultVariants(webhookFaultCommon),
  /** Holds a call's notifications until it ends, then sends them reversed or shuffled. */
  z.strictObject({
    ...webhookFaultCommon,
    mode: z.literal("reorder"),
    order: z.enum(["reverse", "shuffle"]).optional(),
  }),
]);

export type WebhookFaultSpec = z.output<typeof webhookFaultBody>;

export const zdEchoBody = z.strictObject({ url: z.url() });

export const autopilotBody = z.strictObject({
  enabled: z.boolean(),
  interval_seconds: z.number().positive().max(3600).optional(),
});
