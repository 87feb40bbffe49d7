// The card of an incoming call on the real database: what it shows of the client's history, and
// who receives it (the rung members or everyone, per the telephony connection's popup setting).
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { buildCallCard, publishCallCard } from "@/server/domain/calls/call-card";
import { createLogger } from "@/server/logging/logger";
import { RealtimeHub } from "@/server/realtime/hub";
import type { TRealtimeEvent } from "@/server/realtime/realtime-event";

import { createTestUser, createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const KLIENTIKS_BASE_URL = "http://klientiks.test";
const PHONE = "+79031234567";
const now = new Date();
const daysFromNow = (days: number) => new Date(now.getTime() + days * 86_400_000);

let db: TDb;
beforeAll(() => {
  db = createTestDb();
});
afterAll(() => db.$disconnect());

async function addMember(tenantId: string, name: string) {
  const user = await createTestUser(db, name);
  return db.membership.create({
    data: { id: createId("mbr"), tenantId, userId: user.id, role: "agent" },
  });
}

/** A salon with Klientiks and Zadarma connected, two agents on extensions 101 and 102, and a client with some history. */
async function createSalon({ popup }: { popup?: unknown } = {}) {
  const { tenant, owner } = await createTestWorkspace(db, "Салон Звонки");
  const ownerMembership = await db.membership.findFirstOrThrow({
    where: { tenantId: tenant.id, userId: owner.id },
  });
  const [anna, boris] = [await addMember(tenant.id, "Анна"), await addMember(tenant.id, "Борис")];
  const connection = (kind: "klientiks" | "zadarma", settings: object) =>
    db.connection.create({
      data: {
        id: createId("con"),
        tenantId: tenant.id,
        kind,
        name: kind,
        credentials: "v1.test",
        credentialsHint: "test",
        externalAccount: "acc-1",
        settings,
      },
    });
  const klientiks = await connection("klientiks", {});
  const zadarma = await connection("zadarma", popup === undefined ? {} : { popup });
  for (const [extension, membershipId] of [
    ["101", anna.id],
    ["102", boris.id],
    ["103", null],
  ] as const) {
    await db.telephonyExtension.create({
      data: {
        id: createId("ext"),
        tenantId: tenant.id,
        connectionId: zadarma.id,
        extension,
        membershipId,
      },
    });
  }
  const client = await db.client.create({
    data: {
      id: createId("cli"),
      tenantId: tenant.id,
      phone: PHONE,
      name: "Мария Иванова",
      klientiksClientId: "1000003",
    },
  });
  const deal = (
    externalId: string,
    visitStartAt: Date,
    stage: string,
    stageGroup: "in_work" | "won" | "lost",
    amountMinor: number,
  ) =>
    db.deal.create({
      data: {
        id: createId("deal"),
        tenantId: tenant.id,
        connectionId: klientiks.id,
        externalId,
        name: "Стрижка",
        amountMinor,
        currency: "RUB",
        status: stage,
        stage,
        stageGroup,
        stageOrder: 0,
        visitStartAt,
        clientId: client.id,
      },
    });
  const lastVisit = await deal("1", daysFromNow(-2), "finished", "won", 250_000);
  await deal("2", daysFromNow(-10), "finished", "won", 100_000);
  await deal("3", daysFromNow(0.5), "cancelled", "lost", 300_000);
  const nextVisit = await deal("4", daysFromNow(1), "scheduled", "in_work", 300_000);
  const source = await db.source.create({
    data: { id: createId("src"), tenantId: tenant.id, name: "Яндекс Директ", channel: "paid" },
  });
  const campaign = await db.adCampaign.create({
    data: { id: createId("cmp"), tenantId: tenant.id, sourceId: source.id, name: "Весна" },
  });
  const lead = await db.lead.create({
    data: {
      id: createId("lead"),
      tenantId: tenant.id,
      connectionId: klientiks.id,
      externalId: "4",
      clientId: client.id,
      crmCreatedAt: daysFromNow(-1),
      attributionRule: "session_id",
      sourceId: source.id,
      campaignId: campaign.id,
    },
  });
  const call = (
    providerCallId: string,
    fields: {
      state: "ringing" | "answered" | "ended";
      startedAt: Date;
      extension?: string;
      clientPhone?: string;
      clientId?: string | null;
      endedAt?: Date;
      disposition?: "no_answer";
    },
  ) =>
    db.call.create({
      data: {
        id: createId("call"),
        tenantId: tenant.id,
        connectionId: zadarma.id,
        providerCallId,
        direction: "incoming",
        clientPhone: PHONE,
        clientId: client.id,
        ...fields,
      },
    });
  const earlierCall = await call("p-1", {
    state: "ended",
    startedAt: daysFromNow(-3),
    endedAt: daysFromNow(-3),
    disposition: "no_answer",
  });
  const ringing = await call("p-2", { state: "ringing", startedAt: now, extension: "102" });
  for (const extension of ["101", "102", "103"]) {
    await db.callEvent.create({
      data: {
        id: createId("cev"),
        tenantId: tenant.id,
        callId: ringing.id,
        eventKey: `zadarma:p-2:NOTIFY_INTERNAL:${extension}`,
        type: "NOTIFY_INTERNAL",
        extension,
        at: now,
      },
    });
  }
  return {
    tenant,
    ownerMembership,
    anna,
    boris,
    zadarma,
    client,
    lastVisit,
    nextVisit,
    lead,
    earlierCall,
    ringing,
    call,
  };
}

/** Collects what each member of the workspace (and an outsider) would receive. */
function listen(audiences: Record<string, { tenantId: string; membershipId: string }>) {
  const hub = new RealtimeHub({ transport: "in_process", log: createLogger({}) });
  const received: Record<string, TRealtimeEvent[]> = {};
  for (const [name, audience] of Object.entries(audiences)) {
    received[name] = [];
    hub.subscribe(audience, (event) => received[name]!.push(event));
  }
  const topics = (name: string) => received[name]!.map((event) => event.topic);
  return { received, topics, stop: () => hub.stop() };
}

describe("buildCallCard", () => {
  it("shows the caller, the client with the Klientiks link, the visits, the last lead and call", async () => {
    const salon = await createSalon();
    const card = await buildCallCard(db, {
      tenantId: salon.tenant.id,
      callId: salon.ringing.id,
      klientiksBaseUrl: KLIENTIKS_BASE_URL,
      now,
    });
    expect(card).toMatchObject({
      callId: salon.ringing.id,
      state: "ringing",
      direction: "incoming",
      phone: PHONE,
      extension: "102",
      memberName: "Борис",
      client: {
        id: salon.client.id,
        name: "Мария Иванова",
        klientiksClientId: "1000003",
        klientiksUrl: "http://klientiks.test/app/clients/1000003",
      },
      isReturning: true,
      nextVisit: {
        dealId: salon.nextVisit.id,
        stage: "scheduled",
        stageGroup: "in_work",
        amountMinor: 300_000,
        currency: "RUB",
      },
      lastVisit: { dealId: salon.lastVisit.id, stage: "finished", amountMinor: 250_000 },
      lastLead: { leadId: salon.lead.id, source: "Яндекс Директ", campaign: "Весна" },
      lastCall: { callId: salon.earlierCall.id, direction: "incoming", disposition: "no_answer" },
    });
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  });

  it("shows an unknown caller as new, and another workspace's call not at all", async () => {
    const salon = await createSalon();
    const stranger = await salon.call("p-3", {
      state: "ringing",
      startedAt: now,
      clientPhone: "+79990000000",
      clientId: null,
    });
    const card = await buildCallCard(db, {
      tenantId: salon.tenant.id,
      callId: stranger.id,
      klientiksBaseUrl: KLIENTIKS_BASE_URL,
      now,
    });
    expect(card).toMatchObject({
      phone: "+79990000000",
      client: null,
      isReturning: false,
      nextVisit: null,
      lastVisit: null,
      lastLead: null,
      lastCall: null,
      memberName: null,
    });
    const other = await createSalon();
    expect(
      await buildCallCard(db, {
        tenantId: other.tenant.id,
        callId: salon.ringing.id,
        klientiksBaseUrl: KLIENTIKS_BASE_URL,
        now,
      }),
    ).toBeNull();
  });

  it("finds the client by phone when the call is not matched yet, within the workspace only", async () => {
    const salon = await createSalon();
    const other = await createSalon();
    const unmatched = await salon.call("p-4", { state: "ringing", startedAt: now, clientId: null });
    const card = await buildCallCard(db, {
      tenantId: salon.tenant.id,
      callId: unmatched.id,
      klientiksBaseUrl: KLIENTIKS_BASE_URL,
      now,
    });
    expect(card?.client?.id).toBe(salon.client.id);
    expect(card?.nextVisit?.dealId).toBe(salon.nextVisit.id);
    expect(card?.client?.id).not.toBe(other.client.id);
  });
});

describe("publishCallCard", () => {
  const audiencesOf = (
    salon: Awaited<ReturnType<typeof createSalon>>,
    outsider: Awaited<ReturnType<typeof createSalon>>,
  ) => ({
    anna: { tenantId: salon.tenant.id, membershipId: salon.anna.id },
    boris: { tenantId: salon.tenant.id, membershipId: salon.boris.id },
    owner: { tenantId: salon.tenant.id, membershipId: salon.ownerMembership.id },
    outsider: { tenantId: outsider.tenant.id, membershipId: outsider.anna.id },
  });

  it("sends the card to the members whose extensions rang, and the table refresh to everyone", async () => {
    const salon = await createSalon();
    const live = listen(audiencesOf(salon, await createSalon()));
    try {
      const { recipients } = await publishCallCard(db, {
        tenantId: salon.tenant.id,
        callId: salon.ringing.id,
        klientiksBaseUrl: KLIENTIKS_BASE_URL,
        now,
      });
      expect(recipients).toEqual([salon.anna.id, salon.boris.id].sort());
      expect(live.topics("anna")).toEqual(["calls.changed", "call.card"]);
      expect(live.topics("boris")).toEqual(["calls.changed", "call.card"]);
      expect(live.topics("owner")).toEqual(["calls.changed"]);
      expect(live.topics("outsider")).toEqual([]);
      expect(live.received.anna![1]!.payload).toMatchObject({
        callId: salon.ringing.id,
        client: { name: "Мария Иванова" },
      });
      expect(live.received.owner![0]!.payload).toEqual({ callId: salon.ringing.id });
    } finally {
      await live.stop();
    }
  });

  it("sends it to every member with the all-agents setting, and drops a member who left", async () => {
    const salon = await createSalon({ popup: "all_agents" });
    const live = listen(audiencesOf(salon, await createSalon({ popup: "all_agents" })));
    try {
      expect(
        (
          await publishCallCard(db, {
            tenantId: salon.tenant.id,
            callId: salon.ringing.id,
            klientiksBaseUrl: KLIENTIKS_BASE_URL,
            now,
          })
        ).recipients,
      ).toBe("everyone");
      expect(live.topics("owner")).toEqual(["calls.changed", "call.card"]);
      expect(live.topics("outsider")).toEqual([]);
      await db.connection.update({
        where: { id: salon.zadarma.id },
        data: { settings: { popup: "rung_extension" } },
      });
      await db.membership.delete({ where: { id: salon.anna.id } });
      expect(
        (
          await publishCallCard(db, {
            tenantId: salon.tenant.id,
            callId: salon.ringing.id,
            klientiksBaseUrl: KLIENTIKS_BASE_URL,
            now,
          })
        ).recipients,
      ).toEqual([salon.boris.id]);
    } finally {
      await live.stop();
    }
  });

  it("refreshes the tables but pops no card for a call that ended long ago", async () => {
    const salon = await createSalon();
    const live = listen(audiencesOf(salon, await createSalon()));
    try {
      const result = await publishCallCard(db, {
        tenantId: salon.tenant.id,
        callId: salon.earlierCall.id,
        klientiksBaseUrl: KLIENTIKS_BASE_URL,
        now,
      });
      expect(result).toEqual({ card: null, recipients: [] });
      expect([live.topics("anna"), live.topics("owner")]).toEqual([
        ["calls.changed"],
        ["calls.changed"],
      ]);
    } finally {
      await live.stop();
    }
  });
});
