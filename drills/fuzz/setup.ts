import { execFile } from "node:child_process";
import { promisify } from "node:util";

import type pg from "pg";

import { signUpWorkspaceOwner } from "../../bench/lib/app-client";
import { onCleanup } from "../../bench/lib/cleanup";
import { placeRecordedCalls } from "../../bench/lib/recordings-load";
import { log, waitUntil } from "../../bench/lib/stats";
import { connectTelephonyWorkspace } from "../../bench/lib/telephony-workspace";
import { createKlientiksControl } from "../../emulators/klientiks/control-client";
import { createZadarmaControl } from "../../emulators/zadarma/control-client";
import { findFreePort, startProcess, waitForPort } from "../../scripts/lib/processes.mjs";
import type { TFuzzContext } from "./target";

const SETUP_TIMEOUT_MS = 60_000;
/** Two seconds of 8 kHz 16-bit audio: enough for byte ranges, quick to record. */
const RECORDING_BYTES = 32_000;
const SITE_DOMAIN = "salon-fuzz.ru";

/** An emulator in a process of its own (as the benches run them), on a free port. */
export async function startEmulator(kind: "klientiks" | "zadarma"): Promise<string> {
  const port = await findFreePort();
  const script =
    kind === "klientiks" ? "bench/lib/emulator-main.ts" : "bench/lib/zadarma-emulator-main.ts";
  const emulator = startProcess(`${kind}-emulator`, process.execPath, ["--import", "tsx", script], {
    quiet: true,
    env: { BENCH_EMULATOR_PORT: String(port) },
  });
  onCleanup(`stop the ${kind} emulator`, emulator.stop);
  await waitForPort(port);
  return `http://127.0.0.1:${port}`;
}

/** The app router's procedures, read from the router itself (as the e2e isolation test does). */
async function listProcedures(): Promise<TFuzzContext["procedures"]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/list-procedures.ts"],
    { encoding: "utf8", maxBuffer: 10 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as TFuzzContext["procedures"];
}

/** next-auth's CSRF cookie and its token, as a browser gets them before posting the sign-in form. */
async function fetchCsrfPair(appUrl: string): Promise<TFuzzContext["csrf"]> {
  const response = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((setCookie) => setCookie.split(";")[0] ?? "")
    .find((pair) => pair.includes("csrf-token="));
  if (!cookie) throw new Error("/api/auth/csrf set no CSRF cookie");
  return { cookie, token: csrfToken };
}

/** A workspace connected to a Klientiks account through the wizard's procedures; its webhook tokens. */
async function connectKlientiksWorkspace(appUrl: string, klientiksUrl: string, sql: pg.Client) {
  const klientiks = createKlientiksControl(klientiksUrl);
  const account = await klientiks.createAccount({});
  const { api, workspace } = await signUpWorkspaceOwner(appUrl, "Fuzz CRM Salon");
  const tenant = { tenantSlug: workspace.slug };
  await api.mutation("klientiks.saveCredentials", {
    ...tenant,
    input: {
      name: "Клиентикс",
      accountId: account.account_id,
      userId: account.user_id,
      accessToken: account.access_token,
    },
  });
  await api.mutation("klientiks.setActive", { ...tenant, input: { isActive: true } });
  const endpoints = await api.query<{ purpose: string; url: string }[]>(
    "klientiks.webhookSetup",
    tenant,
  );
  // Activation lists a backfill and reconciles; both done, nothing but the drill's requests writes.
  const isSettled = await waitUntil(
    async () => {
      const { rows } = await sql.query<{ settled: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM "BackfillJob" WHERE "tenantId" = $1 AND "enumeratedAt" IS NOT NULL)
            AND EXISTS (SELECT 1 FROM "Connection" WHERE "tenantId" = $1 AND "lastReconcileAt" IS NOT NULL) AS settled`,
        [workspace.id],
      );
      return Boolean(rows[0]?.settled);
    },
    { timeoutMs: SETUP_TIMEOUT_MS },
  );
  if (!isSettled) throw new Error("the Klientiks activation did not settle within 60 s");
  return {
    slug: workspace.slug,
    tokens: endpoints.map((endpoint) => new URL(endpoint.url).pathname.split("/").pop() ?? ""),
  };
}

/**
 * Everything the fuzz aims at, set up through the app's own API as people do it: a workspace with
 * Klientiks connected (its webhook addresses), and the owner's workspace with Zadarma connected, a
 * site, and one answered call whose recording is ready (the session, the call, its client).
 */
export async function setUpFuzzContext(
  appUrl: string,
  emulators: { klientiks: string; zadarma: string },
  sql: pg.Client,
): Promise<TFuzzContext> {
  const [procedures, klientiksWorkspace, telephony] = await Promise.all([
    listProcedures(),
    connectKlientiksWorkspace(appUrl, emulators.klientiks, sql),
    connectTelephonyWorkspace(appUrl, createZadarmaControl(emulators.zadarma), {
      name: "Fuzz Salon",
      companyNumber: "74950000777",
    }),
  ]);
  // Connecting started a 7-day statistics import (an empty PBX): let it finish before the fuzz.
  const isImported = await waitUntil(
    async () =>
      (
        await sql.query(
          `SELECT 1 FROM "BackfillJob" WHERE "tenantId" = $1 AND "status" = 'running' AND "enumeratedAt" IS NULL`,
          [telephony.tenantId],
        )
      ).rowCount === 0,
    { timeoutMs: SETUP_TIMEOUT_MS },
  );
  if (!isImported) throw new Error("the telephony statistics import did not finish within 60 s");
  const tenant = { tenantSlug: telephony.slug };
  const site = await telephony.api.mutation<{ publicKey: string }>("sites.create", {
    ...tenant,
    input: { domain: SITE_DOMAIN, name: "Салон" },
  });
  const [recorded] = await placeRecordedCalls(
    createZadarmaControl(emulators.zadarma),
    sql,
    [telephony],
    RECORDING_BYTES,
  );
  if (!recorded) throw new Error("no recorded call");
  const { rows } = await sql.query<{ clientId: string | null }>(
    `SELECT "clientId" FROM "Call" WHERE "id" = $1`,
    [recorded.callId],
  );
  const { rows: owners } = await sql.query<{ email: string }>(
    `SELECT u."email" FROM "User" u JOIN "Membership" m ON m."userId" = u."id"
      WHERE m."tenantId" = $1 AND m."role" = 'owner'`,
    [telephony.tenantId],
  );
  log(
    `set up: workspaces ${telephony.slug} (Zadarma, site ${SITE_DOMAIN}, call ${recorded.callId}) and ${klientiksWorkspace.slug} (Klientiks); ${procedures.length} procedures`,
  );
  return {
    sessionCookie: telephony.api.cookieHeader(),
    slug: telephony.slug,
    foreignSlug: klientiksWorkspace.slug,
    klientiksTokens: klientiksWorkspace.tokens,
    zadarma: {
      token: new URL(telephony.webhookUrl).pathname.split("/").pop() ?? "",
      secret: telephony.account.secret,
    },
    site: { key: site.publicKey, domain: SITE_DOMAIN },
    callId: recorded.callId,
    clientId: rows[0]?.clientId ?? "",
    csrf: await fetchCsrfPair(appUrl),
    ownerEmail: owners[0]?.email ?? "",
    procedures,
  };
}
