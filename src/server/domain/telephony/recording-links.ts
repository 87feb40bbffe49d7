import type { ConnectionKind } from "@generated/prisma/client";

import { mangoAccountOf } from "@/server/domain/telephony/connect-mango";
import { decryptZadarmaCredentials, toApiCredentials } from "@/server/domain/telephony/credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { MangoError } from "@/server/integrations/mango";
import { ZadarmaError } from "@/server/integrations/zadarma";

/** A telephony connection as stored: whose it is, which provider, and its encrypted keys. */
export type TStoredTelephonyLine = {
  id: string;
  tenantId: string;
  kind: ConnectionKind;
  credentials: string;
};

/** Which recording: the provider's recording id when known, and the provider's call id. */
export type TRecordingLookup = {
  recordingRef?: string;
  providerCallId: string;
  /** How long the link may live, where the provider lets us say (Zadarma). */
  lifetimeSeconds: number;
};

/**
 * A fresh link to a call's recording from the call's own provider, signed with the connection's
 * current keys; never stored (reliability R22). Zadarma finds a recording by its id or by the call
 * (docs/recordings.md). Mango finds one only by its id, which arrives with `events/record/added` or
 * a statistics row; before that Mango is not asked at all, since each refused request counts toward
 * its lockout of the whole key (docs/telephony-mango.md §4, §9): no link yet, so the fetcher waits.
 */
export async function requestProviderRecordingLink(
  deps: Pick<TTelephonyDeps, "keyring" | "zadarma" | "mango">,
  line: TStoredTelephonyLine,
  { recordingRef, providerCallId, lifetimeSeconds }: TRecordingLookup,
): Promise<{ links: string[] }> {
  if (line.kind === "mango")
    return recordingRef
      ? deps.mango.requestRecordingLink(mangoAccountOf(deps.keyring, line), recordingRef)
      : { links: [] };
  return deps.zadarma.requestRecordingLink(
    toApiCredentials(decryptZadarmaCredentials(deps.keyring, line)),
    recordingRef
      ? { recordingRef, lifetimeSeconds }
      : { pbxCallId: providerCallId, lifetimeSeconds },
  );
}

/** Whether the provider's refusal means it no longer has the recording (as opposed to a failure). */
export const isRecordingGone = (error: unknown): boolean =>
  (error instanceof ZadarmaError || error instanceof MangoError) && error.code === "not_found";
