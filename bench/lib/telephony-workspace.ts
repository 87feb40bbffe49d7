import type { ZadarmaControl } from "../../emulators/zadarma/control-client";
import { signUpWorkspaceOwner, type TAppClient } from "./app-client";

/** The extension every bench workspace's owner answers on. */
export const OWNER_EXTENSION = "100";
/** Moscow, as a new Zadarma account is; `call_start` is written on this clock. */
export const PBX_TIME_ZONE = "Europe/Moscow";

export type TTelephonyWorkspace = {
  slug: string;
  tenantId: string;
  /** The owner, signed in. */
  api: TAppClient;
  /** The emulator account the workspace is connected to. */
  account: { id: string; key: string; secret: string; timeZone: string };
  companyNumber: string;
  /** Our receiver's address for this workspace, as Settings → Telephony shows it. */
  webhookUrl: string;
};

type TConnectionView = { webhook: { url: string } | null } | null;

/**
 * A workspace connected to a Zadarma account of its own, the way an owner does it: sign-up,
 * workspace, then `connectTelephony`.
 */
export async function connectTelephonyWorkspace(
  appUrl: string,
  zadarma: ZadarmaControl,
  options: { name: string; companyNumber: string; extensions?: readonly string[] },
): Promise<TTelephonyWorkspace> {
  const { api, workspace } = await signUpWorkspaceOwner(appUrl, options.name);
  return connectTelephony(api, workspace, zadarma, options);
}

/**
 * An owner's workspace connected to a new Zadarma account: a PBX account in the emulator (one
 * company number, extension 100 and any others, recordings ready at once), `telephony.connect` with
 * its key and secret (checked live; it reads the extensions and starts the 7-day statistics import),
 * then the owner mapped to extension 100 (`telephony.mapExtension`).
 */
export async function connectTelephony(
  api: TAppClient,
  workspace: { id: string; slug: string },
  zadarma: ZadarmaControl,
  options: { name: string; companyNumber: string; extensions?: readonly string[] },
): Promise<TTelephonyWorkspace> {
  const extensions = options.extensions ?? [OWNER_EXTENSION];
  const tenantSlug = workspace.slug;
  const account = await zadarma.createAccount({
    timezone: PBX_TIME_ZONE,
    numbers: [options.companyNumber],
    extensions: extensions.map((number) => ({ number, name: `Сотрудник ${number}`, online: true })),
    timings: { record_delay_ms: 0 },
  });
  await api.mutation("telephony.connect", {
    tenantSlug,
    input: { key: account.key, secret: account.secret },
  });
  const connection = await api.query<TConnectionView>("telephony.connection", { tenantSlug });
  if (!connection?.webhook)
    throw new Error(
      `${options.name}: telephony.connection has no webhook address after connecting`,
    );
  const members = await api.query<{ id: string; role: string }[]>("members.list", { tenantSlug });
  const owner = members.find((member) => member.role === "owner");
  if (!owner) throw new Error(`${options.name}: members.list has no owner`);
  await api.mutation("telephony.mapExtension", {
    tenantSlug,
    input: { extension: OWNER_EXTENSION, membershipId: owner.id },
  });
  return {
    slug: workspace.slug,
    tenantId: workspace.id,
    api,
    account: { id: account.id, key: account.key, secret: account.secret, timeZone: PBX_TIME_ZONE },
    companyNumber: options.companyNumber,
    webhookUrl: connection.webhook.url,
  };
}
