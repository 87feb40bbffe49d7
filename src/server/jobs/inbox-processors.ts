import "server-only";

import type { TDb } from "@/server/db/client";
import type { TInboxProcessors } from "@/server/domain/inbox/process-claimed";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { klientiksDeliveryProcessor } from "@/server/domain/klientiks/inbox";
import { telephonyDeliveryProcessor } from "@/server/domain/telephony/process-delivery";

/** Which source processes which inbox rows, for the in-process worker (docs/inbox-worker.md). */
export function createInboxProcessors(
  db: TDb,
  deps: { klientiks: TKlientiksDeps },
): TInboxProcessors {
  const klientiks = klientiksDeliveryProcessor(db, deps.klientiks);
  return {
    deals: klientiks,
    widget: klientiks,
    telephony: telephonyDeliveryProcessor(db, { klientiks: deps.klientiks }),
  };
}
