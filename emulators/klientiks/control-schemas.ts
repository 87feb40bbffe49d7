// Request bodies of the control API (klientiks-contract §17.3). The server validates with these and
// control-client.ts derives its parameter types from them, so the two cannot drift apart.

import { z } from "zod";

import { isValidTimeZone, normalizeNaiveDateTime } from "./datetime";
import { parseTemplate, TemplateSyntaxError } from "./mustache";
import { WEBHOOK_EVENTS } from "./types";

const id = z.number().int().positive();
const credential = z.string().regex(/^[0-9A-Za-z]+$/, "expected [0-9A-Za-z]+");
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lowercase letters, digits and dashes");
const timezone = z.string().refine(isValidTimeZone, "unknown IANA time zone");
const tariff = z.enum(["PRO+", "API", "other"]);
const price = z.union([
  z.string().regex(/^\d+(\.\d+)?$/, "expected a numeric string"),
  z.number().nonnegative(),
]);
const json = z.json();
const dynamicFields = z.record(z.string(), json);

const naiveDateTime = z.string().transform((value, context) => {
  const normalized = normalizeNaiveDateTime(value);
  if (normalized === null) {
    context.addIssue({
      code: "custom",
      message: "expected a local datetime YYYY-MM-DD HH:MM[:SS]",
    });
    return z.NEVER;
  }
  return normalized;
});

const rateLimit = z.strictObject({
  per_second: z.number().positive(),
  burst: z.number().int().positive(),
});

export const resetBody = z.strictObject({ seed: z.number().int().optional() });

/** A naive value is read in Europe/Moscow, the default account zone; an offset or `Z` is honoured. */
export const clockBody = z.strictObject({
  now: z.union([z.string().min(1), z.null()]),
});

export const createAccountBody = z.strictObject({
  account_id: credential.optional(),
  user_id: credential.optional(),
  access_token: credential.optional(),
  timezone: timezone.optional(),
  tariff: tariff.optional(),
  api_enabled: z.boolean().optional(),
  rate_limit: rateLimit.nullable().optional(),
  widget_also_fires_created: z.boolean().optional(),
  widget_slug: slug.optional(),
  /** `items` of an empty answer: `"No data"` (the default) or `[]` (klientiks-contract §4.1). */
  empty_items: z.enum(["string", "empty_array"]).optional(),
  /** Seed it with the demo salon (staff, services, clients, visits) and let the autopilot move it. */
  demo: z.boolean().optional(),
});

export const patchAccountBody = createAccountBody.omit({
  account_id: true,
  user_id: true,
  access_token: true,
  demo: true,
});

export const addUserBody = z.strictObject({
  name: z.string().min(1),
  phone: z.string().optional(),
  email: z.string().optional(),
  archived: z.boolean().optional(),
});

export const addServiceBody = z.strictObject({
  name: z.string().min(1),
  price,
  type: z.enum(["service", "product"]).optional(),
  duration_minutes: z.number().int().positive().optional(),
  barcode: z.string().optional(),
  service_groups: z.string().optional(),
  archived: z.boolean().optional(),
});

export const addServicePackBody = z.strictObject({
  name: z.string().min(1),
  client_id: id.nullable().optional(),
  service_ids: z.array(id).min(1),
  visits_total: z.number().int().positive(),
  visits_left: z.number().int().nonnegative().optional(),
  price,
});

const birthDate = z.string().regex(/^(\d{2}\.\d{2}\.\d{4})?$/, "expected DD.MM.YYYY");

/**
 * An omitted field stays unset and reads back `null`, as on a client created over the real API;
 * `""` (and `failed_push: false`) give a client as the CRM's card form saves it (klientiks-contract §9.1).
 */
const clientStandardFields = {
  first_name: z.string().min(1),
  second_name: z.string().nullable().optional(),
  patron_name: z.string().nullable().optional(),
  phone: z.string().min(1),
  birth_date: birthDate.nullable().optional(),
  client_groups: z.string().nullable().optional(),
  failed_push: z.boolean().nullable().optional(),
  number: z.number().int().nullable().optional(),
};

/** Standard fields are named; every other key becomes a dynamic field (`lead_source`, `email`, …). */
export const addClientBody = z
  .object({ ...clientStandardFields, fire_webhooks: z.boolean().optional() })
  .catchall(json);

export const patchClientBody = z
  .object({
    ...clientStandardFields,
    first_name: clientStandardFields.first_name.optional(),
    phone: clientStandardFields.phone.optional(),
    deleted: z.boolean().optional(),
    blocked: z.boolean().optional(),
  })
  .catchall(json);

const appointedServiceInput = z.strictObject({
  service_id: id,
  price: price.optional(),
  service_pack_id: id.nullable().optional(),
  discount: z.number().nonnegative().nullable().optional(),
});

export const createAppointmentBody = z
  .strictObject({
    client_id: id.optional(),
    client: addClientBody.optional(),
    executor_id: id,
    author_id: id.nullable().optional(),
    start: naiveDateTime,
    finish: naiveDateTime.optional(),
    status: z.string().min(1).optional(),
    services: z.array(appointedServiceInput).min(1),
    source: z.enum(["staff", "api", "online_widget"]).optional(),
    json_data: dynamicFields.optional(),
    is_sale: z.boolean().optional(),
    paid: z.boolean().optional(),
    urgent: z.boolean().optional(),
    fire_webhooks: z.boolean().optional(),
  })
  .refine((body) => (body.client_id === undefined) !== (body.client === undefined), {
    message: "give exactly one of client_id or client",
    path: ["client_id"],
  });

export const patchAppointmentBody = z
  .strictObject({
    start: naiveDateTime.optional(),
    finish: naiveDateTime.optional(),
    duration_minutes: z.number().int().positive().optional(),
    /** Any string, so unknown statuses can be produced (klientiks-contract §10). */
    status: z.string().min(1).optional(),
    executor_id: id.optional(),
    client_id: id.optional(),
    paid: z.boolean().optional(),
    json_data: dynamicFields.optional(),
    fire_webhooks: z.boolean().optional(),
  })
  .refine((body) => body.finish === undefined || body.duration_minutes === undefined, {
    message: "give finish or duration_minutes, not both",
    path: ["duration_minutes"],
  });

/** The page parameters our site tracker adds to widget links (klientiks-contract §13.6). */
export const PAGE_PARAM_KEYS = [
  "svyaz_sid",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_content",
  "utm_term",
] as const;

export const widgetBookingBody = z.strictObject({
  name: z.string().min(1),
  phone: z.string().min(1),
  email: z.string().optional(),
  service_id: id,
  executor_id: id,
  start: naiveDateTime,
  lead: z.string().optional(),
  page_params: z.partialRecord(z.enum(PAGE_PARAM_KEYS), z.string()).optional(),
});

export const eventHandlerBody = z.strictObject({
  event: z.enum(WEBHOOK_EVENTS),
  url_template: z
    .string()
    .min(1)
    .superRefine((template, context) => {
      try {
        parseTemplate(template);
      } catch (error) {
        if (!(error instanceof TemplateSyntaxError)) throw error;
        context.addIssue({ code: "custom", message: `invalid template: ${error.message}` });
      }
    }),
});

const triggerSpec = z.strictObject({
  event: z.enum(WEBHOOK_EVENTS),
  appointment_id: id,
  times: z.number().int().min(1).max(100).optional(),
  delay_ms: z.number().int().min(0).max(60_000).optional(),
  method: z.enum(["GET", "POST"]).optional(),
  retries: z.number().int().min(0).max(5).optional(),
  /** Render as if the appointment had this status, to replay stale deliveries out of order. */
  status: z.string().min(1).optional(),
});

export const triggerWebhookBody = triggerSpec.extend({
  /** Delivered before this spec, in the order given (klientiks-contract §17.3 "out-of-order"). */
  reorder_with: z.array(triggerSpec).max(20).optional(),
});

const faultMatch = z.strictObject({
  action: z.string().optional(),
  model: z.string().optional(),
  http_method: z.string().optional(),
  account_id: z.string().optional(),
});

const faultCommon = {
  match: faultMatch.optional(),
  times: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
};

/** Fault modes of klientiks-contract §17.3. */
export const faultBody = z.discriminatedUnion("mode", [
  z.strictObject({
    ...faultCommon,
    mode: z.literal("http_error"),
    status: z.union([z.literal(500), z.literal(502), z.literal(503)]).optional(),
    body: z.union([z.literal("html"), z.literal("empty"), json]).optional(),
  }),
  z.strictObject({
    ...faultCommon,
    mode: z.literal("rate_limit"),
    retry_after: z.number().int().nonnegative().nullable().optional(),
  }),
  z.strictObject({
    ...faultCommon,
    mode: z.literal("latency"),
    ms: z.number().int().nonnegative().max(120_000),
  }),
  z.strictObject({ ...faultCommon, mode: z.literal("hang") }),
  z.strictObject({ ...faultCommon, mode: z.literal("drop_connection") }),
  z.strictObject({ ...faultCommon, mode: z.literal("malformed_json") }),
  z.strictObject({
    ...faultCommon,
    mode: z.literal("no_data"),
    as: z.enum(["string", "empty_array"]).optional(),
  }),
  z.strictObject({
    ...faultCommon,
    mode: z.literal("auth_error"),
    as: z.enum(["http", "body"]).optional(),
  }),
  z.strictObject({ ...faultCommon, mode: z.literal("status_true_with_errors") }),
  z.strictObject({ ...faultCommon, mode: z.literal("unknown_status"), value: z.string().min(1) }),
]);

export type FaultSpec = z.output<typeof faultBody>;
