import type { TTrpcContext } from "@/server/api/trpc";
import { startBackfill } from "@/server/domain/inbox/backfill-jobs";
import { connectMango, storeMangoUsers } from "@/server/domain/telephony/connect-mango";
import { connectZadarma } from "@/server/domain/telephony/connections";
import { refreshTelephonyExtensions } from "@/server/domain/telephony/extensions";
import { TELEPHONY_BACKFILL_DAYS } from "@/server/domain/telephony/statistics-sync";
import type { TVerifiedMembership } from "@/server/domain/tenants/find-memberships";
import type { TMangoCredentials } from "@/server/integrations/mango";
import type { TZadarmaCredentials } from "@/server/integrations/zadarma";
import { dispatchTelephonyImport } from "@/server/jobs/dispatch";
import { getTelephonyDeps } from "@/server/telephony-deps";

/** The signed-in admin's workspace, as the telephony procedures see it. */
export type TTenantContext = Pick<TTrpcContext, "db" | "log"> & {
  tenant: TVerifiedMembership;
  user: { id: string };
};

/**
 * Saves working credentials, then reads the PBX's extensions for the mapping table. The extension
 * read failing does not undo the connection: the table has its own «Обновить» button.
 */
export async function connectAndReadExtensions(
  ctx: TTenantContext,
  credentials: TZadarmaCredentials,
) {
  const deps = getTelephonyDeps();
  const tenantId = ctx.tenant.tenantId;
  const connected = await connectZadarma(ctx.db, deps, {
    tenantId,
    actorUserId: ctx.user.id,
    credentials,
  });
  const extensions = await refreshTelephonyExtensions(ctx.db, deps, {
    tenantId,
    connectionId: connected.connectionId,
    credentials: connected.credentials,
  }).then(
    ({ count }) => count,
    (error: unknown) => {
      ctx.log.warn("telephony: reading extensions after connecting failed", { error });
      return null;
    },
  );
  await importRecentCalls(ctx, connected.connectionId);
  return { connectionId: connected.connectionId, extensions };
}

/** The last 7 days of calls from the provider's statistics, through the inbox like its events. */
async function importRecentCalls(ctx: TTenantContext, connectionId: string) {
  const tenantId = ctx.tenant.tenantId;
  const job = await startBackfill(ctx.db, {
    tenantId,
    connectionId,
    since: new Date(Date.now() - TELEPHONY_BACKFILL_DAYS * 86_400_000),
  });
  await dispatchTelephonyImport({ tenantId, jobId: job.id });
}

/**
 * Mango Office chosen (docs/telephony-mango.md §6): the API key and salt checked live with
 * `config/users/request`, stored encrypted, its users stored for the member mapping, and the last
 * 7 days of calls imported from its statistics.
 */
export async function connectMangoAndReadUsers(
  ctx: TTenantContext,
  credentials: TMangoCredentials,
) {
  const tenantId = ctx.tenant.tenantId;
  const { connectionId, users } = await connectMango(ctx.db, getTelephonyDeps(), {
    tenantId,
    actorUserId: ctx.user.id,
    credentials,
  });
  const { count } = await storeMangoUsers(ctx.db, { tenantId, connectionId }, users);
  await importRecentCalls(ctx, connectionId);
  return { connectionId, extensions: count };
}
