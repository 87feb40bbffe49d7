import { eventType, Inngest } from "inngest";
import { z } from "zod";

export const inngest = new Inngest({ id: "svyaz" });

/** A delivery is in the inbox and waits for enrichment (conventions C9: `<source>/<noun>.<past-verb>`). */
export const klientiksWebhookReceived = eventType("klientiks/webhook.received", {
  schema: z.object({
    deliveryId: z.string(),
    tenantId: z.string(),
    connectionId: z.string(),
    appointmentId: z.string(),
    /** The delivery id, suffixed on replay: Inngest runs a key once per 24 h, and a replay must run again. */
    runKey: z.string(),
  }),
});

/** A telephony notification is in the inbox and waits to be folded into its call. */
export const telephonyEventReceived = eventType("telephony/event.received", {
  schema: z.object({
    deliveryId: z.string(),
    tenantId: z.string(),
    connectionId: z.string(),
    /** The provider's id of the whole call: one event of a call at a time. */
    providerCallId: z.string(),
    runKey: z.string(),
  }),
});

/** A telephony statistics import (backfill or reconciliation) was started. */
export const telephonyImportRequested = eventType("telephony/import.requested", {
  schema: z.object({ tenantId: z.string(), jobId: z.string() }),
});

export const klientiksReconcileRequested = eventType("klientiks/reconcile.requested", {
  schema: z.object({ tenantId: z.string(), connectionId: z.string() }),
});

export const klientiksBackfillRequested = eventType("klientiks/backfill.requested", {
  schema: z.object({ tenantId: z.string(), jobId: z.string() }),
});

/** The stored deals are to be recomputed after a settings change (a `DealRecomputeJob`). */
export const klientiksDealsRecomputeRequested = eventType("klientiks/deals-recompute.requested", {
  schema: z.object({ tenantId: z.string(), jobId: z.string() }),
});
