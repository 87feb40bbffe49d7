// Shared setup for the telephony pipeline tests: the emulator over HTTP, OUR webhook handlers served on
// a local `node:http` server (the emulator posts its real signed notifications to it), a workspace
// connected through the real domain functions, and the inbox drained with the real processors.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { getEnv } from "@/env";
import { getDb, type TDb } from "@/server/db/client";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import { createCallerNames } from "@/server/domain/telephony/caller-names";
import { connectZadarma } from "@/server/domain/telephony/connections";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import {
  mapTelephonyExtension,
  refreshTelephonyExtensions,
} from "@/server/domain/telephony/extensions";
import { createDbMangoCircuit } from "@/server/domain/telephony/mango-circuit";
import { createVerificationSecretsCache } from "@/server/domain/telephony/verification-secrets-cache";
import { findTelephonyWebhook, saveNotificationUrl } from "@/server/domain/telephony/webhook";
import { findLiveEndpointByTokenHash } from "@/server/domain/webhooks/endpoints";
import { createUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import { handleMangoWebhook } from "@/server/http/handle-mango-webhook";
import { handleZadarmaWebhook } from "@/server/http/handle-zadarma-webhook";
import { createMangoClient } from "@/server/integrations/mango";
import { createZadarmaClient, createZadarmaThrottle } from "@/server/integrations/zadarma";
import { createLogger } from "@/server/logging/logger";

import type { ZadarmaControl } from "../../emulators/zadarma/control-client";
import { toWebRequest } from "./web-request";

/** The route's own cache settings (src/app/api/webhooks/zadarma/[token]/route.ts). */
const ROUTE_CACHE = { ttlMs: 30_000, maxEntries: 10_000 };

/** REST without our production throttle (1 statistics request per 30 s), so a test runs in seconds. */
export function createTestTelephonyDeps(
  emulatorUrl: string,
  mangoBaseUrl = "http://127.0.0.1:9",
): TTelephonyDeps {
  const throttle = createZadarmaThrottle({
    general: { burst: 1000, perMinute: 60_000 },
    statistics: { burst: 1000, perMinute: 60_000 },
    maxWaitMs: 5_000,
  });
  return {
    keyring: getEnv().ENCRYPTION_KEYRING,
    zadarma: createZadarmaClient({ baseUrl: emulatorUrl, throttle, timeoutMs: 5_000 }),
    mango: createMangoClient({
      baseUrl: mangoBaseUrl,
      circuit: createDbMangoCircuit(getDb()),
      timeoutMs: 5_000,
    }),
  };
}

export type TReceived = { method: string; token: string; status: number; body: string };

export type TTelephonyReceiver = {
  /** The app's origin as the PBX sees it: webhook addresses are `${appUrl}/api/webhooks/{provider}/{token}…`. */
  appUrl: string;
  /** Every request answered, in order. */
  received: TReceived[];
  /** What the handler handed to the job driver. */
  dispatched: TEnqueuedDelivery[];
  errors: unknown[];
  close: () => Promise<void>;
};

const MANGO_ROUTE = /^\/api\/webhooks\/mango\/([^/]+)\/(.*)$/;

/**
 * A stand-in for the Next routes that an emulator reaches over HTTP: the Node request becomes a
 * WHATWG `Request` and goes to `handleZadarmaWebhook` or `handleMangoWebhook` by its path, with the
 * routes' real dependencies, except a dispatch that records instead of waking a worker.
 */
export async function startTelephonyReceiver(db: TDb): Promise<TTelephonyReceiver> {
  const received: TReceived[] = [];
  const dispatched: TEnqueuedDelivery[] = [];
  const errors: unknown[] = [];
  const deps = {
    db,
    endpoints: createWebhookEndpointCache({
      ...ROUTE_CACHE,
      load: (tokenHash, at) => findLiveEndpointByTokenHash(db, tokenHash, at),
    }),
    unknownAddresses: createUnknownAddressLimiter({ db, onError: (error) => errors.push(error) }),
    secrets: createVerificationSecretsCache({
      ...ROUTE_CACHE,
      db,
      keyring: getEnv().ENCRYPTION_KEYRING,
    }),
    callerNames: createCallerNames({ ...ROUTE_CACHE, db }),
    dispatch: async (deliveries: TEnqueuedDelivery[]) => {
      dispatched.push(...deliveries);
    },
    log: createLogger({ component: "telephony-webhook-test" }),
  };
  const handle = (request: Request): [string, Promise<Response>] => {
    const path = new URL(request.url).pathname;
    const mango = MANGO_ROUTE.exec(path);
    if (mango) {
      const token = decodeURIComponent(mango[1] ?? "");
      return [token, handleMangoWebhook(request, token, mango[2] ?? "", deps)];
    }
    const token = decodeURIComponent(path.split("/").pop() ?? "");
    return [token, handleZadarmaWebhook(request, token, deps)];
  };
  const server: Server = createServer((incoming, response) => {
    void (async () => {
      const request = await toWebRequest(incoming);
      const [token, answering] = handle(request);
      const answer = await answering;
      const body = await answer.text();
      received.push({ method: request.method, token, status: answer.status, body });
      response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(body);
    })().catch((error: unknown) => {
      errors.push(error);
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    appUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    dispatched,
    errors,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type TTelephonyTenantOptions = {
  /** An existing workspace to connect (e.g. one with Klientiks); a new one otherwise. */
  workspace: { tenantId: string; ownerId: string };
  /** The emulator account's IANA zone. */
  timezone?: string;
  /** The extension mapped to the workspace owner. */
  ownerExtension?: string;
};

/** The company number and extensions every test account has. */
export const COMPANY_NUMBER = "74951230000";
export const EXTENSIONS = ["100", "101"] as const;

/**
 * What every provider's connect does after the keys are saved: the owner mapped to an extension,
 * and the events address the PBX is to call.
 */
export async function mapOwnerAndFindWebhook(
  db: TDb,
  deps: Pick<TTelephonyDeps, "keyring">,
  receiver: TTelephonyReceiver,
  line: { tenantId: string; ownerId: string; connectionId: string; ownerExtension: string },
) {
  const { tenantId, ownerId, connectionId } = line;
  const owner = await db.membership.findFirstOrThrow({
    where: { tenantId, userId: ownerId },
    select: { id: true },
  });
  await mapTelephonyExtension(db, {
    tenantId,
    connectionId,
    extension: line.ownerExtension,
    membershipId: owner.id,
    actorUserId: ownerId,
  });
  const webhook = await findTelephonyWebhook(db, deps.keyring, {
    tenantId,
    connectionId,
    appUrl: receiver.appUrl,
  });
  if (!webhook) throw new Error("the telephony connection has no webhook address");
  return { ownerMembershipId: owner.id, webhook };
}

/**
 * A PBX account in the emulator and the workspace connected to it the way Settings → Telephony does
 * it: keys checked live (`connectZadarma` reads `info/timezone`), extensions read from the PBX, one
 * mapped to the owner, and our webhook address saved through the signed API (Zadarma's zd_echo).
 */
export async function connectTelephonyTenant(
  db: TDb,
  control: ZadarmaControl,
  deps: TTelephonyDeps,
  receiver: TTelephonyReceiver,
  options: TTelephonyTenantOptions,
) {
  const { tenantId, ownerId } = options.workspace;
  const account = await control.createAccount({
    timezone: options.timezone ?? "Europe/Moscow",
    numbers: [COMPANY_NUMBER],
    extensions: EXTENSIONS.map((number) => ({ number, name: `Линия ${number}` })),
    timings: { record_delay_ms: 30, ring_timeout_ms: 2_000 },
    rate_limits: { general_per_minute: 10_000, statistics_per_minute: 10_000 },
  });
  const credentials = { key: account.key, secret: account.secret };
  const { connectionId } = await connectZadarma(db, deps, {
    tenantId,
    actorUserId: ownerId,
    credentials,
  });
  await refreshTelephonyExtensions(db, deps, { tenantId, connectionId, credentials });
  const ownerExtension = options.ownerExtension ?? "100";
  const { ownerMembershipId, webhook } = await mapOwnerAndFindWebhook(db, deps, receiver, {
    tenantId,
    ownerId,
    connectionId,
    ownerExtension,
  });
  await saveNotificationUrl(deps.zadarma, credentials, webhook.url);
  const token = webhook.url.split("/").pop() ?? "";

  /** Waits until at least `count` of the account's notifications have been answered. */
  const settle = (count: number, timeoutMs = 10_000) =>
    control.waitForNotifications(account.id, { count, timeoutMs });

  return {
    tenantId,
    ownerId,
    ownerMembershipId,
    ownerExtension,
    connectionId,
    account,
    credentials,
    webhookUrl: webhook.url,
    token,
    settle,
    callOf: (providerCallId: string) =>
      db.call.findUnique({
        where: { connectionId_providerCallId: { connectionId, providerCallId } },
      }),
  };
}

export type TTelephonyTenant = Awaited<ReturnType<typeof connectTelephonyTenant>>;
