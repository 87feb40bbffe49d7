// Response envelopes of klientiks-contract §4.2 and §4.4.

import type { EmptyItems, FieldErrors, JsonValue } from "../types";
import { emptyItems } from "./pagination";

/** A write either produced an object or failed validation with a non-empty field map. */
export type WriteResult = { object: JsonValue } | { errors: FieldErrors };

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;

export const mergeErrors = (...all: FieldErrors[]): FieldErrors => {
  const merged: FieldErrors = {};
  for (const errors of all) {
    for (const [field, messages] of Object.entries(errors))
      merged[field] = [...(merged[field] ?? []), ...messages];
  }
  return merged;
};

/** Single object under `items`, or an empty answer: `"No data"` (§4.2) or `[]`. */
export const itemEnvelope = (item: JsonValue | null, empty: EmptyItems) => ({
  items: item ?? emptyItems(empty),
});

type Envelope = { [key: string]: JsonValue };

/** `add|edit …/m/Clients` always say `"status": "ok"`; a failure shows only in `errors` (§4.4). */
export const clientWriteEnvelope = (result: WriteResult, message: string): Envelope =>
  "errors" in result
    ? { status: "ok", messages: [], errors: result.errors }
    : { status: "ok", messages: [message], errors: {}, object: result.object };

/** Appointment writes answer a boolean `status`, false on validation errors (§4.4). */
export const appointmentWriteEnvelope = (result: WriteResult, message: string): Envelope =>
  "errors" in result
    ? { status: false, messages: [], errors: result.errors }
    : { status: true, messages: [message], errors: {}, object: result.object };

/** The `status_true_with_errors` fault: a success status, an error, and nothing created (§4.4, §17.3). */
export const statusTrueWithErrorsEnvelope = () => ({
  status: true,
  messages: [],
  errors: { general: ["Не удалось сохранить запись."] },
});
