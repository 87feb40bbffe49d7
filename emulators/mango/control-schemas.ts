// Request bodies of the control API. The server validates with these and control-client.ts derives its
// parameter types from them, so the two cannot drift apart.

import { z } from "zod";

import { deliveryFaultVariants, faultCommon, httpFaultVariants } from "../common/fault-schemas";
import { EVENT_ORDERS, EVENT_PATHS, OUTCOMES } from "./types";

export { clientScriptBody, clockBody, resetBody } from "../common/control";

const digits = z.string().regex(/^\d{5,15}$/, "expected 5–15 digits, no +");
const extensionNumber = z.string().regex(/^\d{2,5}$/, "expected a 2–5 digit extension");
const credential = z.string().regex(/^[0-9A-Za-z_-]{4,64}$/, "expected 4–64 of [0-9A-Za-z_-]");
const milliseconds = z.number().int().min(0).max(3_600_000);

export const userBody = z.strictObject({
  extension: extensionNumber,
  name: z.string().min(1).max(100).optional(),
  position: z.string().max(100).optional(),
  department: z.string().max(100).optional(),
  online: z.boolean().optional(),
  /** The phone answers by itself this long after it starts ringing (null: a person answers). */
  auto_answer_ms: milliseconds.nullable().optional(),
});

export const patchUserBody = userBody.omit({ extension: true });

const timings = z.strictObject({
  ring_timeout_ms: milliseconds.optional(),
  record_delay_ms: milliseconds.optional(),
  callback_result_delay_ms: milliseconds.optional(),
  stats_ready_ms: milliseconds.optional(),
  max_talk_ms: milliseconds.optional(),
});

/** «Адрес внешней системы»: the emulator appends `events/call` … to it as it stands. */
const eventsUrl = z.url({ protocol: /^https?$/ }).nullable();

const accountSettings = {
  key: credential.optional(),
  salt: credential.optional(),
  numbers: z.array(digits).optional(),
  events_url: eventsUrl.optional(),
  event_order: z.enum(EVENT_ORDERS).optional(),
  timings: timings.optional(),
};

export const createAccountBody = z.strictObject({
  id: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,40}$/, "expected 1–40 of [0-9A-Za-z_-]")
    .optional(),
  ...accountSettings,
  users: z.array(userBody).optional(),
  /** Seed like the demo account: two company numbers, extensions 100–102, all online. */
  demo: z.boolean().optional(),
});

export const patchAccountBody = z.strictObject(accountSettings);

export const eventOrderBody = z.strictObject({ order: z.enum(EVENT_ORDERS) });

export const pingBody = z.strictObject({ url: z.url({ protocol: /^https?$/ }).optional() });

/** A whole call replayed at once (or backdated with `at`), instead of a live one driven by actions. */
const scriptBody = z.strictObject({
  outcome: z.enum(OUTCOMES).optional(),
  /** Answered: the extension that answers (default the first rung). */
  answered_by: extensionNumber.optional(),
  ring_seconds: z.number().int().min(0).max(600).optional(),
  talk_seconds: z.number().int().min(0).max(36_000).optional(),
  /** Backdated start, Unix seconds or ISO with an offset: statistics and recording only, no events. */
  at: z.union([z.number().int().positive(), z.iso.datetime({ offset: true })]).optional(),
});

export const callBody = z.strictObject({
  /** The client's number. */
  caller: digits,
  /** The company number dialled (default the account's first). */
  did: digits.optional(),
  /** The extensions rung (default every online one). */
  extensions: z.array(extensionNumber).optional(),
  script: scriptBody.optional(),
});

export const callActionBody = z.strictObject({
  action: z.enum([
    "answer",
    "decline",
    "hangup",
    "caller_hangup",
    "client_answer",
    "client_decline",
    "client_hangup",
  ]),
  extension: extensionNumber.optional(),
});

const apiFaultMatch = z.strictObject({
  /** `commands/callback`, `stats/result` …; a leading `/vpbx/` and slashes are ignored. */
  command: z.string().min(1).optional(),
  account_id: z.string().min(1).optional(),
});

const apiFaultCommon = { ...faultCommon, match: apiFaultMatch.optional() };

export const apiFaultBody = z.discriminatedUnion("mode", [
  ...httpFaultVariants(apiFaultCommon),
  /** Answers like an exceeded limit: HTTP 503, `{"result": 5008}`. */
  z.strictObject({ ...apiFaultCommon, mode: z.literal("limit") }),
]);

export type ApiFaultSpec = z.output<typeof apiFaultBody>;

const eventFaultCommon = { ...faultCommon, path: z.enum(EVENT_PATHS).optional() };

export const eventFaultBody = z.discriminatedUnion("mode", [
  ...deliveryFaultVariants(eventFaultCommon),
]);

export type EventFaultSpec = z.output<typeof eventFaultBody>;
