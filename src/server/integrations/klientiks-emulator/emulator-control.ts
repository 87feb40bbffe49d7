import { z } from "zod";
import type { TKlientiksWebhookTemplate } from "@/server/domain/klientiks/webhook-templates";

/**
 * Development conveniences against the local Klientiks emulator's control API (never the real
 * service): offer its demo account in the wizard, and register our webhook addresses in it the
 * way an owner would in «clientix/admin/eventHandlers».
 */
const ZAccounts = z.object({ accounts: z.array(z.object({ account_id: z.string(), user_id: z.string(), access_token: z.string(), tariff: z.string(), api_enabled: z.boolean(), widget_slug: z.string().nullable().optional() })) });
const ZHandlers = z.array(z.object({ id: z.union([z.string(), z.number()]), event: z.string(), url_template: z.string() }));

const call = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000), headers: { "content-type": "application/json" } });
  if (!response.ok) throw new Error(`emulator answered ${response.status} for ${init?.method ?? "GET"} ${new URL(url).pathname}`);
  return response.status === 204 ? null : ((await response.json()) as unknown);
};

export async function findEmulatorDemoAccount(emulatorUrl: string) {
  const { accounts } = ZAccounts.parse(await call(`${emulatorUrl}/__control/accounts`));
  const demo = accounts.find((account) => account.api_enabled && account.tariff !== "other");
  return demo ? { name: "Демо-салон (эмулятор)", accountId: demo.account_id, userId: demo.user_id, accessToken: demo.access_token } : null;
}

/** Replaces the account's handlers for our webhook URL with the brief's templates. */
export async function registerEmulatorWebhooks(emulatorUrl: string, accountId: string, webhookUrl: string, templates: TKlientiksWebhookTemplate[]) {
  const base = `${emulatorUrl}/__control/accounts/${encodeURIComponent(accountId)}/event-handlers`;
  const handlers = ZHandlers.parse(await call(base));
  for (const handler of handlers.filter((existing) => existing.url_template.startsWith(webhookUrl))) {
    await call(`${base}/${encodeURIComponent(String(handler.id))}`, { method: "DELETE" });
  }
  for (const template of templates) await call(base, { method: "POST", body: JSON.stringify({ event: template.event, url_template: template.address }) });
  return { registered: templates.length };
}
