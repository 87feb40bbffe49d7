import { isRecord } from "./coerce";
import type { TKlientiksDynamicFields, TKlientiksDynamicValue } from "./types";

// klientiks-contract §9.1, §13.5: dynamic («дополнительные») fields travel twice, inside `json_data`
// (a string holding JSON) and flattened onto the object itself.

/**
 * Built-in client-card fields that Klientiks keeps in `json_data` next to tenant-defined ones: every
 * `json_data` key of the captured sample (§9.1). They are standard fields, not additional ones, and
 * §13.5 says such duplicates are not repeated.
 */
const BUILT_IN_JSON_DATA_KEYS = [
  "lead_source",
  "email",
  "appointment_confirmation_sms",
  "client_memo",
  "additional_contact_name",
  "additional_contact_phone",
  "autocompleteCountryAdditional",
];

/** Every top-level key of the captured client (§9.1) plus the built-in `json_data` keys. */
export const STANDARD_CLIENT_KEYS: ReadonlySet<string> = new Set([
  "id",
  "name",
  "phone",
  "created",
  "modified",
  "json_data",
  "account_id",
  "country_code",
  "client_groups",
  "delay_stat",
  "unparsed_name",
  "first_name",
  "patron_name",
  "second_name",
  "loyalty_program_status",
  "demo_entity",
  "deleted",
  "author_id",
  "forbid_roistat_export",
  "exclude_from_analytics",
  "responsible_manager_id",
  "last_appointment_id",
  "helix_id",
  "birth_date",
  "promo_code",
  "promo_code_activated",
  "password",
  "blocked",
  "ios_last_active",
  "android_last_active",
  "failed_push",
  "phone_operator",
  "number",
  "external_id",
  "sex",
  "living_address",
  ...BUILT_IN_JSON_DATA_KEYS,
]);

/** Every key of the appointment of §9.2, including the emulator's additions. */
export const STANDARD_APPOINTMENT_KEYS: ReadonlySet<string> = new Set([
  "id",
  "client_id",
  "executor_id",
  "account_id",
  "start_datetime",
  "finish_datetime",
  "status",
  "created",
  "modified",
  "paid",
  "urgent",
  "is_sale",
  "appointed_services",
  "author_id",
  "appointment_source",
  "json_data",
  "appointment_client_links",
]);

export type TKlientiksJsonData =
  | { status: "object"; value: Record<string, unknown> }
  /** `null`, missing, `""`, or PHP's encoding of an empty map, `[]`. */
  | { status: "empty" }
  /** Not JSON, or JSON that is not an object; the caller logs it (§9.1). */
  | { status: "invalid" };

/** §9.1, §16 item 9: `json_data` may be a JSON string, `null`, an object or invalid. */
export const parseKlientiksJsonData = (value: unknown): TKlientiksJsonData => {
  if (value === undefined || value === null || value === "") return { status: "empty" };
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return { status: "invalid" };
    }
  }
  if (isRecord(parsed)) return { status: "object", value: parsed };
  if (parsed === null || (Array.isArray(parsed) && parsed.length === 0)) return { status: "empty" };
  return { status: "invalid" };
};

const isScalar = (value: unknown): value is TKlientiksDynamicValue =>
  value === null ||
  typeof value === "string" ||
  typeof value === "number" ||
  typeof value === "boolean";

/**
 * §13.5: the dynamic fields of an object, from parsed `json_data` first and flattened keys second,
 * without the model's standard keys. Nested values inside `json_data` (a directory entry, a list)
 * are kept as JSON text so nothing is lost; non-scalar top-level keys are structure, not fields.
 */
export const extractKlientiksDynamicFields = (
  raw: Record<string, unknown>,
  jsonData: TKlientiksJsonData,
  standardKeys: ReadonlySet<string>,
): TKlientiksDynamicFields => {
  // A Map, then Object.fromEntries: a `__proto__` key becomes an ordinary own property.
  const fields = new Map<string, TKlientiksDynamicValue>();
  const add = (key: string, value: unknown) => {
    if (standardKeys.has(key) || fields.has(key) || value === undefined) return;
    fields.set(key, isScalar(value) ? value : JSON.stringify(value));
  };
  if (jsonData.status === "object") {
    for (const [key, value] of Object.entries(jsonData.value)) add(key, value);
  }
  for (const [key, value] of Object.entries(raw)) {
    if (isScalar(value)) add(key, value);
  }
  return Object.fromEntries(fields);
};
