// One shape for every telephony provider, so the shared suite (telephony-providers.int.test.ts)
// runs the same tests for Zadarma and Mango Office. Each driver starts its provider's emulator
// over HTTP and connects a workspace the way Settings → Telephony does (keys checked live,
// extensions read, the owner mapped to extension 100, the events address saved at the PBX); then
// it can only make the PBX do things (ring a call, keep a past call in its statistics, pick up a
// callback). Everything the product does with that is the suite's to check.
import type { TDb } from "@/server/db/client";
import { connectMango, storeMangoUsers } from "@/server/domain/telephony/connect-mango";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";

import { createMangoControl } from "../../emulators/mango/control-client";
import { startMangoEmulator } from "../../emulators/mango/server";
import { createZadarmaControl } from "../../emulators/zadarma/control-client";
import { startZadarmaEmulator } from "../../emulators/zadarma/server";
import {
  COMPANY_NUMBER,
  connectTelephonyTenant,
  createTestTelephonyDeps,
  mapOwnerAndFindWebhook,
  type TTelephonyReceiver,
} from "./zadarma-harness";

export type TProvider = "zadarma" | "mango";

/** A workspace connected to a fresh emulator account; the owner answers on extension 100. */
export type TConnectedLine = {
  tenantId: string;
  ownerId: string;
  ownerMembershipId: string;
  connectionId: string;
  /** An incoming call answered on extension 100 and recorded; its events go to our receiver. Returns the provider's call id. */
  ringAnsweredCall: (caller: string, talkSeconds: number) => Promise<string>;
  /** A call at `at` that only the provider's statistics know: no events are sent for it. */
  keepPastCall: (caller: string, at: Date, talkSeconds: number) => Promise<string>;
  /** Extension 100 picks up the callback the PBX is ringing it with; the client then answers. */
  pickUpCallback: () => Promise<void>;
};

export type TProviderDriver = {
  provider: TProvider;
  deps: TTelephonyDeps;
  /** The provider API's configured origin: where its recording links may point. */
  emulatorUrl: string;
  connect: (
    db: TDb,
    receiver: TTelephonyReceiver,
    workspace: { tenantId: string; ownerId: string },
  ) => Promise<TConnectedLine>;
  close: () => Promise<void>;
};

const OWNER_EXTENSION = "100";

async function startZadarmaDriver(): Promise<TProviderDriver> {
  const emulator = await startZadarmaEmulator({ port: 0 });
  const control = createZadarmaControl(emulator.url);
  const deps = createTestTelephonyDeps(emulator.url);
  return {
    provider: "zadarma",
    deps,
    emulatorUrl: emulator.url,
    close: () => emulator.close(),
    async connect(db, receiver, workspace) {
      const line = await connectTelephonyTenant(db, control, deps, receiver, { workspace });
      const accountId = line.account.id;
      return {
        ...line,
        async ringAnsweredCall(caller, talkSeconds) {
          const call = await control.placeCall(accountId, {
            scenario: "incoming",
            caller,
            answered_by: OWNER_EXTENSION,
            ring_seconds: 1,
            talk_seconds: talkSeconds,
            // Played on real timers: a call replayed at once would have no talk time.
            live: true,
          });
          return call.pbx_call_id;
        },
        async keepPastCall(caller, at, talkSeconds) {
          const call = await control.placeCall(accountId, {
            scenario: "incoming",
            caller,
            answered_by: OWNER_EXTENSION,
            talk_seconds: talkSeconds,
            at: at.toISOString(),
            notify: false,
          });
          return call.pbx_call_id;
        },
        async pickUpCallback() {
          const calls = await control.listCalls(accountId);
          const ringing = calls.find((call) => call.origin === "callback" && call.live);
          if (!ringing) throw new Error("the PBX rings no callback");
          await control.driveCall(accountId, ringing.pbx_call_id, { action: "answer" });
        },
      };
    },
  };
}

async function startMangoDriver(): Promise<TProviderDriver> {
  const emulator = await startMangoEmulator({ port: 0 });
  const control = createMangoControl(emulator.url);
  const deps = createTestTelephonyDeps("http://127.0.0.1:9", emulator.url);
  return {
    provider: "mango",
    deps,
    emulatorUrl: emulator.url,
    close: () => emulator.close(),
    async connect(db, receiver, { tenantId, ownerId }) {
      const account = await control.createAccount({
        numbers: [COMPANY_NUMBER],
        users: ["100", "101"].map((extension) => ({ extension, name: `Линия ${extension}` })),
        timings: { record_delay_ms: 30, stats_ready_ms: 0, callback_result_delay_ms: 50 },
      });
      const { connectionId, users } = await connectMango(db, deps, {
        tenantId,
        actorUserId: ownerId,
        credentials: { apiKey: account.key, salt: account.salt },
      });
      await storeMangoUsers(db, { tenantId, connectionId }, users);
      const { ownerMembershipId, webhook } = await mapOwnerAndFindWebhook(db, deps, receiver, {
        tenantId,
        ownerId,
        connectionId,
        ownerExtension: OWNER_EXTENSION,
      });
      await control.setEventsUrl(account.id, webhook.url);
      return {
        tenantId,
        ownerId,
        ownerMembershipId,
        connectionId,
        async ringAnsweredCall(caller, talkSeconds) {
          const call = await control.placeCall(account.id, {
            caller,
            script: {
              outcome: "answered",
              answered_by: OWNER_EXTENSION,
              ring_seconds: 1,
              talk_seconds: talkSeconds,
            },
          });
          return call.entry_id;
        },
        async keepPastCall(caller, at, talkSeconds) {
          const call = await control.placeCall(account.id, {
            caller,
            script: {
              outcome: "answered",
              answered_by: OWNER_EXTENSION,
              talk_seconds: talkSeconds,
              at: Math.floor(at.getTime() / 1000),
            },
          });
          return call.entry_id;
        },
        async pickUpCallback() {
          const calls = await control.listCalls(account.id);
          const ringing = calls.find((call) => call.origin === "callback" && call.live);
          if (!ringing) throw new Error("the PBX rings no callback");
          await control.driveCall(account.id, ringing.entry_id, { action: "answer" });
        },
      };
    },
  };
}

/** Every provider the product supports, each with its own emulator. */
export const TELEPHONY_PROVIDERS: Record<TProvider, () => Promise<TProviderDriver>> = {
  zadarma: startZadarmaDriver,
  mango: startMangoDriver,
};
