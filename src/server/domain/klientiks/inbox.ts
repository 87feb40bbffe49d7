import type { TDb } from "@/server/db/client";
import type { TDeliveryProcessor } from "@/server/domain/inbox/process-claimed";
import { toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { runKlientiksDelivery } from "@/server/domain/klientiks/process-delivery";

/** The inbox processor of Klientiks rows (deals and widget bookings), for the in-process worker. */
export const klientiksDeliveryProcessor = (db: TDb, deps: TKlientiksDeps): TDeliveryProcessor => ({
  run: (delivery) =>
    runKlientiksDelivery(db, deps, { tenantId: delivery.tenantId, deliveryId: delivery.id }),
  classify: toDeliveryFailure,
});
