import { signUpWorkspaceOwner, type TAppClient } from "./app-client";
import type { TSql } from "./database";
import { waitUntil } from "./stats";

/** An emulator account's API credentials, as `createAccount` answers them. */
export type TKlientiksCredentials = { account_id: string; user_id: string; access_token: string };

export type TKlientiksWorkspace = {
  slug: string;
  tenantId: string;
  /** The owner, signed in. */
  api: TAppClient;
  /** Path of the deals webhook address (`/api/webhooks/klientiks/{token}`). */
  webhookPath: string;
};

const ACTIVATION_TIMEOUT_MS = 60_000;

/**
 * An owner's workspace connected to a Klientiks account through the app's own API, as the owner
 * does it: credentials, activation, the webhook address. Activation lists the last 30 days
 * (backfill) and reconciles the last day; this waits until both are done, so that nothing but the
 * caller's own traffic enters the inbox from here on.
 */
export async function connectKlientiks(
  sql: TSql,
  api: TAppClient,
  workspace: { id: string; slug: string },
  credentials: TKlientiksCredentials,
): Promise<TKlientiksWorkspace> {
  const tenant = { tenantSlug: workspace.slug };
  await api.mutation("klientiks.saveCredentials", {
    ...tenant,
    input: {
      name: "Клиентикс",
      accountId: credentials.account_id,
      userId: credentials.user_id,
      accessToken: credentials.access_token,
    },
  });
  await api.mutation("klientiks.setActive", { ...tenant, input: { isActive: true } });
  const setup = await api.query<{ purpose: string; url: string }[]>(
    "klientiks.webhookSetup",
    tenant,
  );
  const dealsUrl = setup.find((endpoint) => endpoint.purpose === "deals")?.url;
  if (!dealsUrl) throw new Error("webhookSetup returned no deals address");
  const isActivationSettled = await waitUntil(
    async () => {
      const { rows } = await sql.query<{ listed: boolean; reconciled: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM "BackfillJob" AS j JOIN "Connection" AS c ON c."id" = j."connectionId" AND c."tenantId" = j."tenantId"
                WHERE j."tenantId" = $1 AND c."kind" = 'klientiks' AND j."enumeratedAt" IS NOT NULL) AS listed,
              EXISTS (SELECT 1 FROM "Connection" WHERE "tenantId" = $1 AND "kind" = 'klientiks' AND "lastReconcileAt" IS NOT NULL) AS reconciled`,
        [workspace.id],
      );
      return Boolean(rows[0]?.listed && rows[0]?.reconciled);
    },
    { timeoutMs: ACTIVATION_TIMEOUT_MS },
  );
  if (!isActivationSettled)
    throw new Error(
      `${workspace.slug}: the activation's backfill/reconciliation did not finish within ${ACTIVATION_TIMEOUT_MS / 1000} s`,
    );
  return {
    slug: workspace.slug,
    tenantId: workspace.id,
    api,
    webhookPath: new URL(dealsUrl).pathname,
  };
}

/** A new owner's workspace (sign-up, sign-in, workspace) connected to a Klientiks account. */
export async function connectKlientiksWorkspace(
  appUrl: string,
  sql: TSql,
  name: string,
  credentials: TKlientiksCredentials,
): Promise<TKlientiksWorkspace> {
  const { api, workspace } = await signUpWorkspaceOwner(appUrl, name);
  return connectKlientiks(sql, api, workspace, credentials);
}
