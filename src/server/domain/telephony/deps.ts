import type { TKeyring } from "@/server/crypto/envelope";
import type { TMangoClient } from "@/server/integrations/mango";
import type { createZadarmaClient } from "@/server/integrations/zadarma";

/** What telephony domain code needs from configuration, passed in so the domain stays transport-free. */
export type TTelephonyDeps = {
  keyring: TKeyring;
  /** The signed REST client, pointed at Zadarma (or at the emulator in development and tests). */
  zadarma: ReturnType<typeof createZadarmaClient>;
  /** The Mango Office VPBX client (docs/telephony-mango.md), its lockout circuit in PostgreSQL. */
  mango: TMangoClient;
};
