import { z } from "zod";

/**
 * Development convenience against the local Mango Office emulator (never the real service): a VPBX
 * of the workspace's own, seeded like the demo account (company numbers, users 100–102 online), so
 * no two workspaces share one; and what a user does in Mango's personal account, through the
 * emulator's own page API: save the events address and «Проверить подключение».
 */
const ZCreatedAccount = z.object({ key: z.string().min(1), salt: z.string().min(1) });
const ZPingResult = z.object({ ok: z.boolean() });

async function post(emulatorUrl: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${emulatorUrl}${path}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`emulator answered ${response.status} for POST ${path}`);
  return response.json();
}

export async function createMangoEmulatorAccount(emulatorUrl: string) {
  const created = ZCreatedAccount.parse(
    await post(emulatorUrl, "/__control/accounts", { demo: true }),
  );
  return { apiKey: created.key, salt: created.salt };
}

/**
 * Saves `eventsUrl` as the VPBX's «Адрес внешней системы», then checks it as the page's button
 * does; `ok` says our address answered the check.
 */
export async function saveMangoEmulatorEventsUrl(
  emulatorUrl: string,
  { apiKey, eventsUrl }: { apiKey: string; eventsUrl: string },
) {
  await post(emulatorUrl, "/phones/api/account/events-url", { account: apiKey, url: eventsUrl });
  return ZPingResult.parse(
    await post(emulatorUrl, "/phones/api/account/ping", { account: apiKey, url: eventsUrl }),
  );
}
