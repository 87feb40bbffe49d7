import { z } from "zod";

/**
 * Development convenience against the local Zadarma emulator's control API (never the real
 * service): a PBX account of the workspace's own, seeded like the demo account (company numbers,
 * extensions online), so no two workspaces share one.
 */
const ZCreatedAccount = z.object({ key: z.string().min(1), secret: z.string().min(1) });

export async function createZadarmaEmulatorAccount(emulatorUrl: string) {
  const response = await fetch(`${emulatorUrl}/__control/accounts`, {
    method: "POST",
    body: JSON.stringify({ demo: true }),
    headers: { "content-type": "application/json" },
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok)
    throw new Error(`emulator answered ${response.status} for POST /__control/accounts`);
  const created = ZCreatedAccount.parse(await response.json());
  return { key: created.key, secret: created.secret };
}
