import { z } from "zod";

import type { TKlientiksWebhookTemplate } from "@/server/domain/klientiks/webhook-templates";

/**
 * Development conveniences against the local Klientiks emulator's control API (never the real
 * service): a demo salon account of the workspace's own, and our webhook addresses registered in it
 * the way an owner would in «clientix/admin/eventHandlers».
 */
const ZCreatedAccount = z.object({
  account_id: z.string(),
  user_id: z.string(),
  access_token: z.string(),
});
const ZHandlers = z.array(
  z.object({ id: z.union([z.string(), z.number()]), event: z.string(), url_template: z.string() }),
);

const call = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(5000),
    headers: { "content-type": "application/json" },
  });
  if (!response.ok)
    throw new Error(
      `emulator answered ${response.status} for ${init?.method ?? "GET"} ${new URL(url).pathname}`,
    );
  return response.status === 204 ? null : ((await response.json()) as unknown);
};

/**
 * A new emulator account seeded with the demo salon, so no two workspaces ever share one (an account
 * handed to a second workspace would give it the first one's data and token).
 */
export async function createEmulatorDemoAccount(emulatorUrl: string) {
  const created = ZCreatedAccount.parse(
    await call(`${emulatorUrl}/__control/accounts`, {
      method: "POST",
      body: JSON.stringify({ demo: true }),
    }),
  );
  return {
    accountId: created.account_id,
    userId: created.user_id,
    accessToken: created.access_token,
  };
}

const ZAccounts = z.object({
  accounts: z.array(z.object({ account_id: z.string(), widget_slug: z.string() })),
});

/** The online-booking widget slug of an emulator account (the demo site books through it), or null. */
export async function findEmulatorWidgetSlug(
  emulatorUrl: string,
  accountId: string,
): Promise<string | null> {
  const { accounts } = ZAccounts.parse(await call(`${emulatorUrl}/__control/accounts`));
  return accounts.find((account) => account.account_id === accountId)?.widget_slug ?? null;
}

/** Replaces the account's handlers for our webhook URL with the brief's templates. */
export async function registerEmulatorWebhooks(
  emulatorUrl: string,
  accountId: string,
  webhookUrl: string,
  templates: TKlientiksWebhookTemplate[],
) {
  const base = `${emulatorUrl}/__control/accounts/${encodeURIComponent(accountId)}/event-handlers`;
  const handlers = ZHandlers.parse(await call(base));
  for (const handler of handlers.filter((existing) =>
    existing.url_template.startsWith(webhookUrl),
  )) {
    await call(`${base}/${encodeURIComponent(String(handler.id))}`, { method: "DELETE" });
  }
  for (const template of templates)
    await call(base, {
      method: "POST",
      body: JSON.stringify({ event: template.event, url_template: template.address }),
    });
  return { registered: templates.length };
}
