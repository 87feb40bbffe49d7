import { z } from "zod";

import { getEnv } from "@/env";
import {
  connectAndReadExtensions,
  connectMangoAndReadUsers,
} from "@/server/api/routers/telephony-connect";
import { tenantAdminProcedure } from "@/server/api/trpc";
import { requireEmulatorUrl } from "@/server/config/dev-helpers";
import {
  findTelephonyConnection,
  requireActiveZadarmaConnection,
} from "@/server/domain/telephony/connections";
import { credentialsHintOf, toApiCredentials } from "@/server/domain/telephony/credentials";
import { listTelephonyExtensions } from "@/server/domain/telephony/extensions";
import { findTelephonyWebhook, saveNotificationUrl } from "@/server/domain/telephony/webhook";
import { AppError } from "@/server/errors";
import {
  createMangoEmulatorAccount,
  saveMangoEmulatorEventsUrl,
} from "@/server/integrations/mango-emulator/emulator-control";
import { createZadarmaEmulatorAccount } from "@/server/integrations/zadarma-emulator/emulator-control";
import { createEmulatorZadarmaClient, getTelephonyDeps } from "@/server/telephony-deps";

const ZProvider = z.enum(["zadarma", "mango"]);
type TProvider = z.infer<typeof ZProvider>;

/** Each provider's local emulator, set when the dev command started it. */
const EMULATOR_VARIABLE = { zadarma: "ZADARMA_EMULATOR_URL", mango: "MANGO_EMULATOR_URL" } as const;
const emulatorUrlOf = (provider: TProvider) => getEnv()[EMULATOR_VARIABLE[provider]];

/**
 * Development only: Settings → Telephony's shortcuts to the local emulators, for either provider.
 * Both emulators serve the same pages: an extension's softphone and "call the company", addressed
 * by the account's API key (which the page shows anyway).
 */
export const telephonyEmulatorProcedures = {
  /** Which emulators run, and where the connected account's softphones are. */
  emulatorHelpers: tenantAdminProcedure
    .output(
      z.object({
        emulators: z.object({ zadarma: z.boolean(), mango: z.boolean() }),
        softphones: z
          .object({ callCompanyUrl: z.string(), extensionUrls: z.record(z.string(), z.string()) })
          .nullable(),
      }),
    )
    .query(async ({ ctx }) => {
      const emulators = {
        zadarma: Boolean(emulatorUrlOf("zadarma")),
        mango: Boolean(emulatorUrlOf("mango")),
      };
      const connection = await findTelephonyConnection(ctx.db, getTelephonyDeps().keyring, {
        tenantId: ctx.tenant.tenantId,
      });
      const emulatorUrl = connection && emulatorUrlOf(connection.provider);
      if (!connection || !emulatorUrl) return { emulators, softphones: null };
      const account = encodeURIComponent(connection.account);
      const extensions = await listTelephonyExtensions(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        connectionId: connection.id,
      });
      const extensionUrls = Object.fromEntries(
        extensions.map((row) => [
          row.extension,
          `${emulatorUrl}/phones/${encodeURIComponent(row.extension)}?account=${account}`,
        ]),
      );
      return {
        emulators,
        softphones: { callCompanyUrl: `${emulatorUrl}/call?account=${account}`, extensionUrls },
      };
    }),

  /**
   * A PBX account of the workspace's own in the chosen provider's emulator, connected like a real
   * one. Its secret stays on the server; the answer carries its last four characters, as everywhere.
   */
  connectEmulatorDemoAccount: tenantAdminProcedure
    .input(z.object({ provider: ZProvider.default("zadarma") }).default({ provider: "zadarma" }))
    .output(
      z.object({
        connectionId: z.string(),
        extensions: z.number().nullable(),
        account: z.string(),
        credentialsHint: z.string(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const emulatorUrl = requireEmulatorUrl(EMULATOR_VARIABLE[input.provider]);
      if (input.provider === "mango") {
        const credentials = await createMangoEmulatorAccount(emulatorUrl);
        const connected = await connectMangoAndReadUsers(ctx, credentials);
        const stored = { key: credentials.apiKey, secret: credentials.salt };
        return { ...connected, account: stored.key, credentialsHint: credentialsHintOf(stored) };
      }
      const account = await createZadarmaEmulatorAccount(emulatorUrl);
      const connected = await connectAndReadExtensions(ctx, account);
      return { ...connected, account: account.key, credentialsHint: credentialsHintOf(account) };
    }),

  /**
   * Saves our address at the connected account in the emulator, as its owner would: for Zadarma
   * through the signed API call an integrator uses (the emulator checks it with `zd_echo`); for
   * Mango as «Адрес внешней системы» followed by «Проверить подключение».
   */
  registerEmulatorWebhook: tenantAdminProcedure
    .output(z.object({ url: z.string() }))
    .mutation(async ({ ctx }) => {
      const { keyring } = getTelephonyDeps();
      const tenantId = ctx.tenant.tenantId;
      const connection = await findTelephonyConnection(ctx.db, keyring, { tenantId });
      if (!connection || connection.status !== "active")
        throw new AppError("TELEPHONY_NOT_CONNECTED");
      const emulatorUrl = requireEmulatorUrl(EMULATOR_VARIABLE[connection.provider]);
      const webhook = await findTelephonyWebhook(ctx.db, keyring, {
        tenantId,
        connectionId: connection.id,
        appUrl: getEnv().APP_URL,
      });
      if (!webhook) throw new AppError("PRECONDITION_FAILED");
      if (connection.provider === "mango") {
        await saveMangoEmulatorEventsUrl(emulatorUrl, {
          apiKey: connection.account,
          eventsUrl: webhook.url,
        });
        return { url: webhook.url };
      }
      const zadarma = await requireActiveZadarmaConnection(ctx.db, keyring, { tenantId });
      await saveNotificationUrl(
        createEmulatorZadarmaClient(emulatorUrl),
        toApiCredentials(zadarma.stored),
        webhook.url,
      );
      return { url: webhook.url };
    }),
};
