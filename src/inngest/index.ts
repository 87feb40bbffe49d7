import { backfillKlientiks } from "@/inngest/functions/backfill-klientiks";
import { processKlientiksDelivery } from "@/inngest/functions/process-klientiks-delivery";
import { processTelephonyDelivery } from "@/inngest/functions/process-telephony-delivery";
import { pruneNumberLeases } from "@/inngest/functions/prune-number-leases";
import {
  recomputeKlientiksDeals,
  resumeStalledDealRecomputes,
} from "@/inngest/functions/recompute-klientiks-deals";
import {
  reconcileKlientiksConnectionFn,
  scheduleKlientiksReconcile,
} from "@/inngest/functions/reconcile-klientiks";
import { refreshAnalytics } from "@/inngest/functions/refresh-analytics";
import { resendStuckDeliveries } from "@/inngest/functions/resend-stuck-deliveries";
import {
  fetchCallRecordings,
  listTelephonyStatistics,
  lookUpTelephonyCallers,
} from "@/inngest/functions/telephony-background";

export const inngestFunctions = [
  processKlientiksDelivery,
  processTelephonyDelivery,
  scheduleKlientiksReconcile,
  reconcileKlientiksConnectionFn,
  backfillKlientiks,
  recomputeKlientiksDeals,
  resumeStalledDealRecomputes,
  resendStuckDeliveries,
  fetchCallRecordings,
  listTelephonyStatistics,
  lookUpTelephonyCallers,
  refreshAnalytics,
  pruneNumberLeases,
];
