import "server-only";
import type { TDb } from "@/server/db/client";
import { DeliveryFailure } from "@/server/domain/inbox/delivery-failure";
import type { TInboxProcessors } from "@/server/domain/inbox/process-claimed";
import { klientiksDeliveryProcessor } from "@/server/domain/klientiks/inbox";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";

/** Which source processes which inbox rows, for the in-process worker (docs/inbox-worker.md). */
export function createInboxProcessors(db: TDb, deps: { klientiks: TKlientiksDeps }): TInboxProcessors {
  const klientiks = klientiksDeliveryProcessor(db, deps.klientiks);
  return {
    deals: klientiks,
    widget: klientiks,
    telephony: {
      run: () => Promise.reject(new DeliveryFailure("internal", { message: "telephony processing is not wired yet" })),
      classify: (error) => (error instanceof DeliveryFailure ? error : new DeliveryFailure("internal")),
    },
  };
}
