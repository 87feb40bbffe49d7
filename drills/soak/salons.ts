import { signUpWorkspaceOwner } from "../../bench/lib/app-client";
import { captureStormCalls, STORM_EXTENSIONS, stormPhone } from "../../bench/lib/calls-storm";
import type { TSql } from "../../bench/lib/database";
import { connectKlientiks, type TKlientiksWorkspace } from "../../bench/lib/klientiks-workspace";
import type { TCapturedNotification } from "../../bench/lib/notification-capture";
import { log, mapWithConcurrency, waitUntil } from "../../bench/lib/stats";
import { connectTelephony, type TTelephonyWorkspace } from "../../bench/lib/telephony-workspace";
import type { KlientiksControl } from "../../emulators/klientiks/control-client";
import type { CallView } from "../../emulators/zadarma/call-view";
import type { ZadarmaControl } from "../../emulators/zadarma/control-client";
import { bookAppointments, type TAppointmentPlan } from "./klientiks-appointments";

/** Klientiks clients per salon: callers of its PBX, so a caller is often a client with visits. */
const CLIENTS_PER_SALON = 60;
const IMPORTS_TIMEOUT_MS = 120_000;

/** A workspace with both integrations, each on its own emulator account. */
export type TSalon = {
  name: string;
  tenantId: string;
  klientiks: TKlientiksWorkspace & { accountId: string };
  telephony: TTelephonyWorkspace;
};

/** A salon's traffic: the appointments its webhooks are about, the calls its notifications tell. */
export type TSalonTraffic = {
  appointments: TAppointmentPlan[];
  calls: CallView[];
  notifications: TCapturedNotification[];
};

/**
 * `count` workspaces, each signed up by its owner and connected, through the app's own API, to a
 * Klientiks account and a Zadarma PBX of its own (extensions 100–102, the owner on 100). Returns
 * once the activation's backfill and reconciliation and the 7-day statistics import are done, so
 * that nothing but the drill's own traffic enters the inboxes from then on.
 */
export async function openSalons(
  appUrl: string,
  sql: TSql,
  emulators: { klientiks: KlientiksControl; zadarma: ZadarmaControl },
  count: number,
): Promise<TSalon[]> {
  const salons = await mapWithConcurrency(
    Array.from({ length: count }, (_, index) => index),
    4,
    async (index) => {
      const name = `Soak Salon ${index + 1}`;
      const { api, workspace } = await signUpWorkspaceOwner(appUrl, name);
      const account = await emulators.klientiks.createAccount({});
      const klientiks = await connectKlientiks(sql, api, workspace, account);
      const telephony = await connectTelephony(api, workspace, emulators.zadarma, {
        name,
        companyNumber: `7495200${String(index).padStart(4, "0")}`,
        extensions: STORM_EXTENSIONS,
      });
      return {
        name,
        tenantId: workspace.id,
        klientiks: { ...klientiks, accountId: account.account_id },
        telephony,
      };
    },
  );
  const areImportsDone = await waitUntil(
    async () =>
      (
        await sql.query(
          `SELECT 1 FROM "BackfillJob" WHERE "status" = 'running' AND "enumeratedAt" IS NULL`,
        )
      ).rowCount === 0,
    { timeoutMs: IMPORTS_TIMEOUT_MS, intervalMs: 500 },
  );
  if (!areImportsDone)
    throw new Error("the statistics imports of the new connections did not finish within 120 s");
  log(
    `${count} salons signed up, each connected to a Klientiks account and a Zadarma PBX of its own (extensions ${STORM_EXTENSIONS.join(", ")})`,
  );
  return salons;
}

/**
 * Each salon's traffic, made by the emulators themselves: appointments booked in its Klientiks
 * account (their statuses add up to `klientiksEvents` webhooks), and calls played on its PBX whose
 * notifications (`zadarmaEvents` with `duplicateShare` more, as bench:calls' storm counts them) are
 * kept as the PBX signed them, to be sent later in any order.
 */
export async function prepareTraffic(
  salon: TSalon,
  emulators: { klientiks: KlientiksControl; zadarma: ZadarmaControl },
  options: { klientiksEvents: number; zadarmaEvents: number; duplicateShare: number },
): Promise<TSalonTraffic> {
  const appointments = await bookAppointments(emulators.klientiks, salon.klientiks.accountId, {
    events: options.klientiksEvents,
    phones: Array.from({ length: CLIENTS_PER_SALON }, (_, index) => stormPhone(index)),
  });
  const { calls, notifications } =
    options.zadarmaEvents > 0
      ? await captureStormCalls(emulators.zadarma, {
          accountId: salon.telephony.account.id,
          targetEvents: options.zadarmaEvents,
          duplicateShare: options.duplicateShare,
        })
      : { calls: [], notifications: [] };
  return { appointments, calls, notifications };
}
