import type { TDbClient } from "@/server/db/types";
import type { TRecordingPort } from "@/server/domain/calls/recordings";
import {
  deadCredentialsCodeOf,
  stopOnDeadCredentials,
} from "@/server/domain/telephony/dead-credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { TELEPHONY_KINDS } from "@/server/domain/telephony/kinds";
import { requestProviderRecordingLink } from "@/server/domain/telephony/recording-links";

/** Short-lived links: the fetcher only needs to know one can be had (R22); playback asks again. */
const CHECK_LINK_LIFETIME_SECONDS = 180;

/**
 * Asks the call's provider for a recording link with the connection's current credentials; a
 * refusal of the credentials themselves stops the connection's line (R19).
 */
export const createRecordingPort = (
  db: TDbClient,
  deps: Pick<TTelephonyDeps, "keyring" | "zadarma" | "mango">,
): TRecordingPort => ({
  async requestRecordingLink({ tenantId, connectionId }, { recordingRef, providerCallId }) {
    const line = await db.connection.findFirstOrThrow({
      where: { id: connectionId, tenantId, kind: { in: TELEPHONY_KINDS } },
      select: { id: true, tenantId: true, kind: true, credentials: true },
    });
    return requestProviderRecordingLink(deps, line, {
      ...(recordingRef ? { recordingRef } : {}),
      providerCallId,
      lifetimeSeconds: CHECK_LINK_LIFETIME_SECONDS,
    }).catch(async (error: unknown) => {
      const deadCredentials = deadCredentialsCodeOf(error);
      if (deadCredentials)
        await stopOnDeadCredentials(db, { tenantId, connectionId }, deadCredentials);
      throw error;
    });
  },
});
