import type { TKeyring } from "@/server/crypto/envelope";
import type { TKlientiksThrottleConfig } from "@/server/integrations/klientiks";

/** What Klientiks domain code needs from configuration, passed in so the domain stays transport-free. */
export type TKlientiksDeps = {
  keyring: TKeyring;
  api: { baseUrl: string; timeoutMs: number; throttle: TKlientiksThrottleConfig };
};
