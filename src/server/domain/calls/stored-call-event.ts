import { z } from "zod";

import type { TCallEvent } from "@/server/domain/calls/call-event";

/**
 * How a neutral event is kept in `CallEvent` (docs/telephony-calls.md, "Stored events"): the row's
 * columns hold the key, the provider's event name, the extension and the time; `payload` holds the
 * rest of the neutral event, so a call can be refolded from its rows without the provider's
 * adapter, and the fields as received under `fields` for the timeline.
 */
const ZCallEventKind = z.enum([
  "started",
  "ivr",
  "ringing",
  "answered",
  "ended",
  "out_started",
  "leg_changed",
  "recording_ready",
  "summary",
]);

const ZStoredCallEventPayload = z.object({
  kind: ZCallEventKind,
  direction: z.enum(["incoming", "outgoing"]),
  callStartedAt: z.iso.datetime().nullable(),
  clientPhone: z.string().nullable(),
  companyNumber: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  disposition: z.enum(["answered", "no_answer", "busy", "cancelled", "failed"]).nullable(),
  rawDisposition: z.string().nullable(),
  recordingRef: z.string().nullable(),
  isRecorded: z.boolean(),
  fields: z.record(z.string(), z.string()),
});

/** The kind a stored payload names, or null when it names none (rows written before kinds were kept). */
export const storedKindOf = (payload: unknown): z.infer<typeof ZCallEventKind> | null => {
  const kind: unknown =
    typeof payload === "object" && payload !== null ? Reflect.get(payload, "kind") : undefined;
  const parsed = ZCallEventKind.safeParse(kind);
  return parsed.success ? parsed.data : null;
};

export type TStoredCallEventPayload = z.infer<typeof ZStoredCallEventPayload>;

export type TCallEventRow = {
  eventKey: string;
  type: string;
  extension: string | null;
  at: Date;
  payload: unknown;
};

export const storedPayloadOf = (event: TCallEvent): TStoredCallEventPayload => ({
  kind: event.kind,
  direction: event.direction,
  callStartedAt: event.callStartedAt?.toISOString() ?? null,
  clientPhone: event.clientPhone,
  companyNumber: event.companyNumber,
  durationSeconds: event.durationSeconds,
  disposition: event.disposition,
  rawDisposition: event.rawDisposition,
  recordingRef: event.recordingRef,
  isRecorded: event.isRecorded,
  fields: event.payload,
});

/** The neutral event a `CallEvent` row of call `providerCallId` stores; throws on a row this module did not write. */
export function callEventOfRow(row: TCallEventRow, providerCallId: string): TCallEvent {
  const parsed = ZStoredCallEventPayload.safeParse(row.payload);
  if (!parsed.success)
    throw new Error(
      `CallEvent ${row.eventKey}: the stored payload is not a call event (${parsed.error.issues[0]?.path.join(".")})`,
    );
  const { fields, callStartedAt, ...event } = parsed.data;
  return {
    ...event,
    eventKey: row.eventKey,
    providerCallId,
    rawType: row.type,
    extension: row.extension,
    at: row.at,
    callStartedAt: callStartedAt ? new Date(callStartedAt) : null,
    payload: fields,
  };
}
