// Widget bookings become leads (issue 4 §3): the emulator's widget booking → the widget URL's
// delivery → in-process processing → a lead attributed to a tracker session or the defaults.
import { describe, expect, it } from "vitest";

import { findClientHistory } from "@/server/domain/clients/client-history";
import { updateKlientiksSettings } from "@/server/domain/klientiks/connections";
import {
  parseKlientiksSettings,
  type TKlientiksSettings,
} from "@/server/domain/klientiks/settings";
import { findLeadById, findLeads } from "@/server/domain/leads/find-leads";
import { ZLeadListRequestSchema } from "@/server/domain/leads/lead-filters";
import { findSources } from "@/server/domain/sites/find-sources";
import { createCampaign } from "@/server/domain/sites/manage-campaigns";
import { createSite } from "@/server/domain/sites/manage-sites";
import { recordTrackHit } from "@/server/domain/sites/record-track-hit";
import { ZTrackHitSchema } from "@/server/domain/sites/track-hit-schema";
import { findTrackedSiteByKey } from "@/server/domain/sites/tracked-site";
import { findWebhookUrls } from "@/server/domain/webhooks/endpoints";

import { createTestWorkspace } from "../support/factories";
import {
  deliverWebhook,
  EMULATOR_CLOCK_INSTANT,
  setUpKlientiksWorldPerTest,
  type TKlientiksWorld,
} from "../support/klientiks-harness";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
let world: TKlientiksWorld;

setUpKlientiksWorldPerTest(db, { onWorld: (created) => (world = created) });

const MINUTE_MS = 60_000;
const SESSION_KEY = "session-lead-0001";

async function createSalonSite() {
  const site = await createSite(db, {
    tenantId: world.tenantId,
    actorUserId: world.owner.id,
    request: { domain: "salon.ru", name: "Салон" },
  });
  const tracked = await findTrackedSiteByKey(db, site.publicKey);
  if (!tracked) throw new Error("the site is not tracked");
  return tracked;
}

/** A visit from a Яндекс Директ ad, recorded by the tracker's own domain function. */
async function visitFromAd(
  site: Awaited<ReturnType<typeof createSalonSite>>,
  options: { sessionKey?: string; at?: Date } = {},
) {
  const at = options.at ?? new Date(EMULATOR_CLOCK_INSTANT.getTime() - 10 * MINUTE_MS);
  const hit = ZTrackHitSchema.parse({
    type: "pageview",
    siteKey: "site-key-00000001",
    visitorId: "visitor-0000000001",
    sessionId: options.sessionKey ?? SESSION_KEY,
    url: "https://salon.ru/?utm_source=yandex&utm_medium=cpc&utm_campaign=spring&yclid=111",
    referrer: "https://yandex.ru/",
    title: "Главная",
    utm: { source: "yandex", medium: "cpc", campaign: "spring" },
    clickIds: { yclid: "111" },
  });
  const sessionId = await recordTrackHit(db, { tenantId: world.tenantId, site, hit, at });
  return db.trackerSession.findUniqueOrThrow({ where: { id: sessionId! } });
}

async function enableLeads(leads: Partial<TKlientiksSettings["leads"]> = {}) {
  const current = parseKlientiksSettings(
    (await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } })).settings,
  );
  await updateKlientiksSettings(db, {
    tenantId: world.tenantId,
    actorUserId: world.owner.id,
    keyring: world.deps.keyring,
    changes: { leads: { ...current.leads, isEnabled: true, ...leads } },
  });
  const urls = await findWebhookUrls(db, world.deps.keyring, {
    tenantId: world.tenantId,
    connectionId: world.connectionId,
    appUrl: "http://svyaz.test",
  });
  const widget = urls.find((url) => url.purpose === "widget");
  if (!widget) throw new Error("enabling leads did not create the widget URL");
  return widget.url.split("/").pop() ?? "";
}

/** A booking through the emulator's widget, then the «Онлайн-запись через виджет» webhook to the widget URL. */
async function bookThroughWidget(
  widgetToken: string,
  input: { phone?: string; pageParams?: Record<string, string>; lead?: string } = {},
) {
  const { appointment } = await world.control.createWidgetBooking(world.accountId, {
    name: "Соколова Вера",
    phone: input.phone ?? "+7 999 123-45-67",
    email: "vera@example.com",
    service_id: world.services.haircut.id,
    executor_id: world.executor.id,
    start: "2025-03-10 15:00:00",
    ...(input.lead ? { lead: input.lead } : {}),
    ...(input.pageParams ? { page_params: input.pageParams } : {}),
  });
  const outcome = await deliverWebhook(db, widgetToken, { appointment_id: String(appointment.id) });
  expect(outcome.kind).toBe("accepted");
  expect(await world.drainInbox()).toEqual([{ ok: true }]);
  return appointment;
}

const leadOf = (appointmentId: number) =>
  db.lead.findUniqueOrThrow({
    where: { tenantId_externalId: { tenantId: world.tenantId, externalId: String(appointmentId) } },
  });

describe("a widget booking becomes a lead", () => {
  it("is attributed to the session whose id the booking carries, with that visit's data", async () => {
    const site = await createSalonSite();
    const session = await visitFromAd(site);
    const token = await enableLeads();
    const appointment = await bookThroughWidget(token, {
      pageParams: { svyaz_sid: SESSION_KEY, utm_campaign: "spring" },
    });

    const lead = await leadOf(appointment.id);
    expect(lead).toMatchObject({
      connectionId: world.connectionId,
      attributionRule: "session_id",
      sessionId: session.id,
      siteId: site.id,
      sourceId: session.sourceId,
      campaignId: session.campaignId,
      channel: "paid",
      utmSource: "yandex",
      utmMedium: "cpc",
      utmCampaign: "spring",
      yclid: "111",
      landingUrl: expect.stringContaining("utm_campaign=spring"),
      referrer: "https://yandex.ru/",
      contactName: "Соколова Вера",
      contactPhone: "+79991234567",
      contactEmail: "vera@example.com",
      crmCreatedAt: EMULATOR_CLOCK_INSTANT,
      duplicateOfId: null,
      dealId: null,
      tags: [],
    });
    expect(session.campaignId).not.toBeNull();
    // No deal from the widget URL: the deal comes from the deals URL.
    expect(await db.deal.count({ where: { tenantId: world.tenantId } })).toBe(0);

    const page = await findLeads(db, {
      tenantId: world.tenantId,
      request: ZLeadListRequestSchema.parse({
        filters: { rules: ["session_id"], utmCampaign: ["spring"], siteIds: [site.id] },
      }),
    });
    expect(page.data.map((row) => row.id)).toEqual([lead.id]);
    expect(page).toMatchObject({ count: 1, isCountCapped: false, totalPages: 1 });
    // Names come with the rows, including the campaign the tracker created from the visit's UTM tag.
    expect(page.data[0]).toMatchObject({
      kind: "booking",
      rule: "session_id",
      externalId: lead.externalId,
      siteName: "Салон",
      sourcePresetKey: "yandex_direct",
      campaignName: "spring",
    });
    expect(
      (
        await findLeads(db, {
          tenantId: world.tenantId,
          request: ZLeadListRequestSchema.parse({ filters: { isDuplicate: true } }),
        })
      ).count,
    ).toBe(0);
    const detail = await findLeadById(db, { tenantId: world.tenantId, leadId: lead.id });
    expect(detail?.pageViews).toEqual([
      expect.objectContaining({ title: "Главная", url: expect.stringContaining("salon.ru") }),
    ]);

    // The lead's client (docs/clients.md), with the lead's source and campaign in its history.
    const client = await db.client.findUniqueOrThrow({
      where: { tenantId_phone: { tenantId: world.tenantId, phone: "+79991234567" } },
    });
    expect(client).toMatchObject({
      id: lead.clientId,
      name: "Соколова Вера",
      email: "vera@example.com",
      klientiksClientId: expect.any(String),
    });
    const history = await findClientHistory(db, { tenantId: world.tenantId, clientId: client.id });
    expect(history?.leads).toEqual([
      expect.objectContaining({
        id: lead.id,
        channel: "paid",
        campaignName: "spring",
        utmSource: "yandex",
        utmCampaign: "spring",
      }),
    ]);
  });

  it("without a session falls back to the default source and site, or to the default campaign", async () => {
    const site = await createSalonSite();
    const sources = await findSources(db, { tenantId: world.tenantId });
    const source = sources[0]!;
    const campaign = await createCampaign(db, {
      tenantId: world.tenantId,
      actorUserId: world.owner.id,
      request: { name: "Весна", sourceId: source.id, utmCampaigns: ["vesna"] },
    });
    const token = await enableLeads({
      defaultSourceId: source.id,
      defaultSiteId: site.id,
      defaultCampaignId: campaign.id,
    });

    const first = await bookThroughWidget(token, { phone: "+7 999 000-00-11" });
    expect(await leadOf(first.id)).toMatchObject({
      attributionRule: "default_source",
      sessionId: null,
      sourceId: source.id,
      siteId: site.id,
      campaignId: null,
      channel: source.channel,
    });

    await enableLeads({ trafficType: "campaign" });
    const second = await bookThroughWidget(token, { phone: "+7 999 000-00-22" });
    expect(await leadOf(second.id)).toMatchObject({
      attributionRule: "default_campaign",
      sessionId: null,
      campaignId: campaign.id,
      sourceId: source.id,
    });
  });

  it("gets the ВОЗ source tag only when the setting is on", async () => {
    const token = await enableLeads();
    const untagged = await bookThroughWidget(token, {
      phone: "+7 999 000-00-33",
      lead: "Instagram-ВОЗ",
    });
    expect((await leadOf(untagged.id)).tags).toEqual([]);
    await enableLeads({ passWidgetSourceTag: true });
    const tagged = await bookThroughWidget(token, {
      phone: "+7 999 000-00-44",
      lead: "Instagram-ВОЗ",
    });
    expect((await leadOf(tagged.id)).tags).toEqual(["Instagram-ВОЗ"]);
  });

  it("marks a second booking from the same phone within 12 h as a duplicate of the first", async () => {
    const token = await enableLeads();
    const first = await bookThroughWidget(token);
    await world.control.setClock("2025-03-01 15:00:00");
    const second = await bookThroughWidget(token);
    const [firstLead, secondLead] = [await leadOf(first.id), await leadOf(second.id)];
    expect(firstLead.duplicateOfId).toBeNull();
    expect(secondLead.duplicateOfId).toBe(firstLead.id);
    await world.control.setClock("2025-03-02 10:00:00");
    const third = await bookThroughWidget(token);
    expect((await leadOf(third.id)).duplicateOfId).toBeNull();
  });

  it("is kept for the log but not created while leads are off", async () => {
    const token = await enableLeads();
    await enableLeads({ isEnabled: false });
    const { appointment } = await world.control.createWidgetBooking(world.accountId, {
      name: "Вера",
      phone: "+79991234567",
      service_id: world.services.haircut.id,
      executor_id: world.executor.id,
      start: "2025-03-10 15:00:00",
    });
    await deliverWebhook(db, token, { appointment_id: String(appointment.id) });
    await world.drainInbox();
    expect(await db.lead.count({ where: { tenantId: world.tenantId } })).toBe(0);
    expect(
      await db.webhookDelivery.findFirst({ where: { tenantId: world.tenantId } }),
    ).toMatchObject({ purpose: "widget", status: "processed", errorCode: "leads_transfer_off" });
  });

  it("links to the deal of the same appointment, whichever integration delivers first", async () => {
    const token = await enableLeads();
    const leadFirst = await bookThroughWidget(token, { phone: "+7 999 000-00-55" });
    await world.deliver({ appointment_id: String(leadFirst.id), status: "scheduled" });
    await world.drainInbox();
    const dealA = await db.deal.findUniqueOrThrow({
      where: {
        tenantId_externalId: { tenantId: world.tenantId, externalId: String(leadFirst.id) },
      },
    });
    expect((await leadOf(leadFirst.id)).dealId).toBe(dealA.id);
    // The deal is attributed as it is upserted, to its own booking (docs/deal-attribution.md §11).
    expect(dealA.creditedLeadId).toBe((await leadOf(leadFirst.id)).id);

    const { appointment: dealFirst } = await world.control.createWidgetBooking(world.accountId, {
      name: "Вера",
      phone: "+7 999 000-00-66",
      service_id: world.services.haircut.id,
      executor_id: world.executor.id,
      start: "2025-03-10 16:00:00",
    });
    await world.deliver({ appointment_id: String(dealFirst.id), status: "scheduled" });
    await world.drainInbox();
    await deliverWebhook(db, token, { appointment_id: String(dealFirst.id) });
    await world.drainInbox();
    const dealB = await db.deal.findUniqueOrThrow({
      where: {
        tenantId_externalId: { tenantId: world.tenantId, externalId: String(dealFirst.id) },
      },
    });
    expect((await leadOf(dealFirst.id)).dealId).toBe(dealB.id);
    // The booking that reached us after its deal is credited with it when it is stored.
    expect(dealB).toMatchObject({
      attributionRule: expect.stringMatching(/^last_non_direct/),
      creditedLeadId: (await leadOf(dealFirst.id)).id,
    });
  });
});

describe("the widget step's settings", () => {
  it("save only their own section, so the deals step's settings survive", async () => {
    await updateKlientiksSettings(db, {
      tenantId: world.tenantId,
      actorUserId: world.owner.id,
      keyring: world.deps.keyring,
      changes: {
        deals: { isEnabled: true, responsible: "author", excludeSubscriptionVisits: true },
      },
    });
    await enableLeads({ trafficType: "campaign" });
    await updateKlientiksSettings(db, {
      tenantId: world.tenantId,
      actorUserId: world.owner.id,
      keyring: world.deps.keyring,
      changes: { accountTimezone: "Asia/Yekaterinburg" },
    });

    const stored = parseKlientiksSettings(
      (await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } })).settings,
    );
    expect(stored).toMatchObject({
      deals: { responsible: "author", excludeSubscriptionVisits: true },
      leads: { isEnabled: true, trafficType: "campaign" },
      accountTimezone: "Asia/Yekaterinburg",
    });
  });

  it("refuse a default source, site or campaign of another workspace as not found", async () => {
    const other = await createTestWorkspace(db, "Другой салон");
    const foreignSite = await createSite(db, {
      tenantId: other.tenant.id,
      actorUserId: other.owner.id,
      request: { domain: "other.ru", name: "Чужой" },
    });
    const [foreignSource] = await findSources(db, { tenantId: other.tenant.id });
    const save = (leads: Partial<TKlientiksSettings["leads"]>) =>
      updateKlientiksSettings(db, {
        tenantId: world.tenantId,
        actorUserId: world.owner.id,
        keyring: world.deps.keyring,
        changes: { leads: { isEnabled: true, ...leads } },
      });

    await expect(save({ defaultSiteId: foreignSite.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(save({ defaultSourceId: foreignSource!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(save({ defaultCampaignId: "no-such-campaign" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(
      parseKlientiksSettings(
        (await db.connection.findUniqueOrThrow({ where: { id: world.connectionId } })).settings,
      ).leads.isEnabled,
    ).toBe(false);
  });
});
