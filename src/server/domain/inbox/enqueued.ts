import type { WebhookPurpose } from "@generated/prisma/client";

/**
 * An inbox row to hand to the job driver (src/server/jobs/dispatch.ts). `subjectId` is what the
 * row is about, processed one at a time: the Klientiks appointment id, or the provider's call id.
 * `replay` counts admin replays (a new run key each time).
 */
export type TEnqueuedDelivery = {
  id: string;
  tenantId: string;
  connectionId: string;
  purpose: WebhookPurpose;
  subjectId: string;
  replay?: number;
};

type TInboxRow = {
  id: string;
  tenantId: string;
  connectionId: string;
  purpose: WebhookPurpose;
  appointmentId: string | null;
  providerCallId: string | null;
};

/** The driver's view of a stored inbox row. */
export const toEnqueued = (row: TInboxRow, replay?: number): TEnqueuedDelivery => ({
  id: row.id,
  tenantId: row.tenantId,
  connectionId: row.connectionId,
  purpose: row.purpose,
  subjectId: row.appointmentId ?? row.providerCallId ?? row.id,
  ...(replay === undefined ? {} : { replay }),
});
