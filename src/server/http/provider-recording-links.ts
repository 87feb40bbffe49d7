import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import {
  isRecordingGone,
  requestProviderRecordingLink,
} from "@/server/domain/telephony/recording-links";
import { isProviderLink, type TRecordingProxyDeps } from "@/server/http/stream-recording";
import { isAllowedRecordingHost } from "@/server/integrations/mango";

/**
 * The recording proxy's provider side (docs/recordings.md): a fresh link from the call's own
 * provider, and where each provider's links may point. Zadarma's stay on its API origin; Mango's
 * one-time links are on the API's origin or an https host under `.mango-office.ru`
 * (docs/telephony-mango.md §9). `origins` are the configured API origins, not the clients' own, so
 * a client that is handed a link elsewhere is caught.
 */
export const providerRecordingLinks = (
  telephony: Pick<TTelephonyDeps, "keyring" | "zadarma" | "mango">,
  origins: { zadarma: string; mango: string },
): Pick<TRecordingProxyDeps, "requestRecordingLink" | "isAllowedLink" | "isRecordingGone"> => ({
  requestRecordingLink: (line, lookup) => requestProviderRecordingLink(telephony, line, lookup),
  isRecordingGone,
  isAllowedLink: (kind, link) =>
    kind === "mango"
      ? URL.canParse(link) && isAllowedRecordingHost(new URL(link), origins.mango)
      : isProviderLink(link, origins.zadarma),
});
