import { backfillKlientiks } from "@/inngest/functions/backfill-klientiks";
import { processKlientiksDelivery } from "@/inngest/functions/process-klientiks-delivery";
import { recomputeKlientiksDeals, resumeStalledDealRecomputes } from "@/inngest/functions/recompute-klientiks-deals";
import { reconcileKlientiksConnectionFn, scheduleKlientiksReconcile } from "@/inngest/functions/reconcile-klientiks";
import { resendStuckDeliveries } from "@/inngest/functions/resend-stuck-deliveries";

export const inngestFunctions = [processKlientiksDelivery, scheduleKlientiksReconcile, reconcileKlientiksConnectionFn, backfillKlientiks, recomputeKlientiksDeals, resumeStalledDealRecomputes, resendStuckDeliveries];
