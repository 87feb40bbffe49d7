// Shared setup for the Klientiks pipeline tests: the emulator over HTTP, an emulator account with
// reference data, a workspace connected to it, and the two halves of the pipeline driven by hand —
// `deliver` (what the webhook route does) and `drainInbox` (what the in-process worker does).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach } from "vitest";

import type { TDb } from "@/server/db/client";
import { claimDueDeliveries } from "@/server/domain/inbox/claims";
import { processClaimedDelivery } from "@/server/domain/inbox/process-claimed";
import {
  saveKlientiksCredentials,
  setKlientiksActive,
} from "@/server/domain/klientiks/connections";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { buildKlientiksWebhookTemplates } from "@/server/domain/klientiks/webhook-templates";
import { findLiveEndpointByTokenHash, findWebhookUrls } from "@/server/domain/webhooks/endpoints";
import {
  receiveKlientiksWebhook,
  type TReceiveOutcome,
} from "@/server/domain/webhooks/receive-klientiks-webhook";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import { readWebhookParams, selectRecordedHeaders } from "@/server/http/read-webhook-params";
import { createInboxProcessors } from "@/server/jobs/inbox-processors";
import { getKlientiksDeps } from "@/server/klientiks-deps";

import {
  createKlientiksControl,
  type KlientiksControl,
} from "../../emulators/klientiks/control-client";
import { startKlientiksEmulator, type KlientiksEmulator } from "../../emulators/klientiks/server";
import { createTestWorkspace } from "./factories";
import type { TKlientiksEmptyItems } from "./klientiks-empty-items";
import { toWebRequest } from "./web-request";

/** The emulator's fixed clock: a naive value is Moscow time (UTC+3). */
export const EMULATOR_CLOCK = "2025-03-01 10:00:00";
export const EMULATOR_CLOCK_INSTANT = new Date("2025-03-01T07:00:00Z");
const APP_URL = "http://svyaz.test";

/**
 * Starts the emulator and points the app's configuration at it. Must run before the first
 * `getEnv()` of the test file (it caches); the throttle is opened up so tests stay fast.
 */
export async function startEmulatorForTests(): Promise<{
  emulator: KlientiksEmulator;
  control: KlientiksControl;
}> {
  const emulator = await startKlientiksEmulator({ port: 0 });
  process.env.KLIENTIKS_BASE_URL = emulator.url;
  process.env.KLIENTIKS_THROTTLE_PER_SECOND = "1000";
  process.env.KLIENTIKS_THROTTLE_BURST = "2";
  process.env.KLIENTIKS_TIMEOUT_MS = "5000";
  process.env.LOG_LEVEL = "silent";
  return { emulator, control: createKlientiksControl(emulator.url) };
}

type TNewAppointment = Parameters<KlientiksControl["createAppointment"]>[1];

export type TDeliverOptions = { receivedAt?: Date; method?: string; token?: string };

/** The endpoint of a token at `at`, looked up afresh each time (the route keeps a short cache). */
const resolveEndpoint = (db: TDb, token: string, at: Date) =>
  createWebhookEndpointCache({
    ttlMs: 0,
    maxEntries: 0,
    load: (tokenHash, when) => findLiveEndpointByTokenHash(db, tokenHash, when),
  }).resolve(token, at);

/** Resolves the token and calls the receiver as the webhook route does (minus the hand-off to a driver). */
export async function deliverWebhook(
  db: TDb,
  token: string,
  params: Record<string, string>,
  options: TDeliverOptions = {},
): Promise<TReceiveOutcome> {
  const receivedAt = options.receivedAt ?? new Date();
  const endpoint = await resolveEndpoint(db, options.token ?? token, receivedAt);
  if (!endpoint) return { kind: "unknown_endpoint" };
  return receiveKlientiksWebhook(db, {
    endpoint,
    method: options.method ?? "GET",
    params,
    headers: { "user-agent": "Klientiks-Emulator" },
    receivedAt,
  });
}

/**
 * Processes the inbox like the in-process worker: claims due deliveries and runs them, one
 * appointment's deliveries in claim order, until nothing is due at `now`.
 */
export async function drainInbox(
  db: TDb,
  deps: TKlientiksDeps,
  { now, limit = 8 }: { now?: Date; limit?: number } = {},
) {
  const results: Awaited<ReturnType<typeof processClaimedDelivery>>[] = [];
  const processors = createInboxProcessors(db, { klientiks: deps });
  for (let round = 0; round < 100; round += 1) {
    const claimed = await claimDueDeliveries(db, { limit, now: now ?? new Date() });
    if (claimed.length === 0) return results;
    for (const delivery of claimed)
      results.push(await processClaimedDelivery(db, processors, delivery));
  }
  throw new Error("drainInbox: the inbox never emptied (a delivery is claimed again and again)");
}

/**
 * A stand-in for the webhook route that the emulator's webhooks can reach over HTTP: it reads the
 * parameters with the route's own reader and records the delivery with the route's receiver.
 */
export async function startWebhookReceiver(db: TDb): Promise<{
  url: string;
  outcomes: TReceiveOutcome[];
  errors: unknown[];
  close: () => Promise<void>;
}> {
  const outcomes: TReceiveOutcome[] = [];
  const errors: unknown[] = [];
  const server: Server = createServer((incoming, response) => {
    void (async () => {
      const request = await toWebRequest(incoming);
      const url = new URL(request.url);
      const receivedAt = new Date();
      const endpoint = await resolveEndpoint(db, url.pathname.split("/").pop() ?? "", receivedAt);
      if (!endpoint) {
        response.writeHead(404).end();
        return;
      }
      const parsed = await readWebhookParams(request);
      if (!parsed.ok) {
        response.writeHead(parsed.status).end();
        return;
      }
      const outcome = await receiveKlientiksWebhook(db, {
        endpoint,
        method: request.method,
        params: parsed.params,
        headers: selectRecordedHeaders(request.headers),
        receivedAt,
      });
      outcomes.push(outcome);
      response
        .writeHead(outcome.kind === "accepted" ? 200 : outcome.kind === "rejected" ? 400 : 404, {
          "content-type": "application/json",
        })
        .end("{}");
    })().catch((error: unknown) => {
      errors.push(error);
      response.writeHead(503).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    outcomes,
    errors,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * One test's world: a fresh emulator state and account (two employees, two services, a client with
 * a dynamic field), and a new workspace connected to it through the real domain functions.
 */
export async function createKlientiksWorld(
  db: TDb,
  control: KlientiksControl,
  options: TKlientiksAccountOptions = {},
) {
  await control.reset();
  await control.setClock(EMULATOR_CLOCK);
  return addKlientiksTenant(db, control, options);
}

/** `emptyItems`: how the account answers a list or look-up with nothing (default `"No data"`). */
type TKlientiksAccountOptions = { emptyItems?: TKlientiksEmptyItems };

/** Another account in the same emulator state, and another workspace connected to it. */
export async function addKlientiksTenant(
  db: TDb,
  control: KlientiksControl,
  { emptyItems }: TKlientiksAccountOptions = {},
) {
  const account = await control.createAccount({
    timezone: "Europe/Moscow",
    empty_items: emptyItems,
  });
  const accountId = account.account_id;
  // The first user is the account owner, the default author of staff-created visits.
  const author = await control.addUser(accountId, { name: "Смирнова Ольга" });
  const executor = await control.addUser(accountId, { name: "Петрова Мария" });
  const haircut = await control.addService(accountId, { name: "Стрижка", price: "2500.00" });
  const coloring = await control.addService(accountId, { name: "Окрашивание", price: "4300.50" });
  const client = await control.addClient(accountId, {
    first_name: "Анна",
    second_name: "Иванова",
    phone: "8 (999) 000-00-01",
    email: "Anna@Example.com",
    lead_source: "Instagram",
    allergy: "нет",
  });

  const { owner, tenant } = await createTestWorkspace(db, "Салон");
  const deps = getKlientiksDeps();
  const credentials = { accountId, userId: account.user_id, accessToken: account.access_token };
  const reconnect = () =>
    saveKlientiksCredentials(db, deps, {
      tenantId: tenant.id,
      actorUserId: owner.id,
      request: { name: "Салон", ...credentials },
    });
  const { connectionId } = await reconnect();
  await setKlientiksActive(db, { tenantId: tenant.id, actorUserId: owner.id, isActive: true });
  const [endpoint] = await findWebhookUrls(db, deps.keyring, {
    tenantId: tenant.id,
    connectionId,
    appUrl: APP_URL,
  });
  if (!endpoint) throw new Error("the connection has no webhook endpoint");
  const webhookPath = new URL(endpoint.url).pathname;
  const token = webhookPath.split("/").pop() ?? "";

  return {
    db,
    deps,
    control,
    accountId,
    credentials,
    author,
    executor,
    services: { haircut, coloring },
    client,
    owner,
    tenant,
    tenantId: tenant.id,
    connectionId,
    token,
    reconnect,
    deliver: (params: Record<string, string>, options?: TDeliverOptions) =>
      deliverWebhook(db, token, params, options),
    drainInbox: (options?: { now?: Date; limit?: number }) => drainInbox(db, deps, options),
    /** A visit of the world's client with the executor, 10 March 12:00–13:30 Moscow time, no webhooks. */
    createAppointment: (overrides: Partial<TNewAppointment> = {}) =>
      control.createAppointment(accountId, {
        client_id: client.id,
        executor_id: executor.id,
        start: "2025-03-10 12:00:00",
        finish: "2025-03-10 13:30:00",
        services: [{ service_id: haircut.id }],
        fire_webhooks: false,
        ...overrides,
      }),
    /** Registers the brief's «Адрес запроса» templates for our URL, served by `receiverUrl`. */
    subscribeWebhooks: async (receiverUrl: string) => {
      for (const template of buildKlientiksWebhookTemplates(
        `${receiverUrl}${webhookPath}`,
        "deals",
      )) {
        await control.addEventHandler(accountId, {
          event: template.event,
          url_template: template.address,
        });
      }
    },
    /** getAppointment calls the emulator has seen for this account. */
    getAppointmentCalls: async () =>
      (await control.requests({ accountId })).filter((entry) => entry.action === "getAppointment"),
  };
}

export type TKlientiksWorld = Awaited<ReturnType<typeof createKlientiksWorld>>;

/**
 * The Vitest wiring of a Klientiks integration file: one emulator for the file, a fresh world for
 * each test (handed to `onWorld`), then the emulator, `db` and whatever `onClose` closes.
 */
export function setUpKlientiksWorldPerTest(
  db: TDb,
  options: { onWorld: (world: TKlientiksWorld) => void; onClose?: () => Promise<void> },
) {
  let started: { emulator: KlientiksEmulator; control: KlientiksControl } | undefined;
  beforeAll(async () => {
    started = await startEmulatorForTests();
  });
  afterAll(async () => {
    await started?.emulator.close();
    await db.$disconnect();
    await options.onClose?.();
  });
  beforeEach(async () => {
    if (!started) throw new Error("the Klientiks emulator did not start");
    options.onWorld(await createKlientiksWorld(db, started.control));
  });
}
