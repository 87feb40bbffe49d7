import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

import { createTokenBucketLimiter } from "@/server/domain/rate-limit/token-bucket";
import { findRecentSessions } from "@/server/domain/sites/find-recent-sessions";
import { findSources } from "@/server/domain/sites/find-sources";
import { createKeyedQueue } from "@/server/domain/sites/keyed-queue";
import {
  createCampaign,
  deleteCampaign,
  findCampaigns,
  updateCampaign,
} from "@/server/domain/sites/manage-campaigns";
import { createSite, deleteSite, findSites, updateSite } from "@/server/domain/sites/manage-sites";
import { recordTrackHit } from "@/server/domain/sites/record-track-hit";
import { createSiteKeyCache } from "@/server/domain/sites/site-key-cache";
import { ZTrackHitSchema } from "@/server/domain/sites/track-hit-schema";
import { findTrackedSiteByKey } from "@/server/domain/sites/tracked-site";
import { AppError } from "@/server/errors";
import {
  answerTrackPreflight,
  handleTrackRequest,
  MAX_TRACK_BODY_BYTES,
  type TTrackDeps,
} from "@/server/http/track/handle-track-request";
import type { TLogger } from "@/server/logging/logger";

import { createTestWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const LANDING =
  "https://www.salon.ru/?utm_source=yandex&utm_medium=cpc&utm_campaign=Spring&yclid=111";
const MINUTE = 60_000;

const warnings: unknown[] = [];
const log: TLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message, fields) => warnings.push({ message, ...fields }),
  error: () => undefined,
  child: () => log,
};

/** The route's dependencies over the test database; `settle` waits for the writes done after answering. */
function createTrack(limit = { capacity: 120, refillPerSecond: 2 }) {
  const scheduled: Promise<void>[] = [];
  const deps: TTrackDeps = {
    db,
    sites: createSiteKeyCache({
      ttlMs: 60_000,
      maxEntries: 100,
      load: (key) => findTrackedSiteByKey(db, key),
    }),
    limiter: createTokenBucketLimiter({ ...limit, maxKeys: 100 }),
    queue: createKeyedQueue(),
    schedule: (task) => scheduled.push(task()),
    log,
  };
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    handleTrackRequest(
      new Request("http://svyaz.test/api/track", {
        method: "POST",
        headers: {
          origin: "https://www.salon.ru",
          "user-agent": CHROME,
          "content-type": "text/plain;charset=UTF-8",
          ...headers,
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      deps,
    );
  return { deps, post, settle: () => Promise.all(scheduled.splice(0)) };
}

async function createSalon(domain = "salon.ru") {
  const { owner, tenant } = await createTestWorkspace(db, "Салон");
  const site = await createSite(db, {
    tenantId: tenant.id,
    actorUserId: owner.id,
    request: { domain, name: "Салон" },
  });
  return { owner, tenantId: tenant.id, site };
}

const pageView = (siteKey: string, overrides: Record<string, unknown> = {}) => ({
  type: "pageview",
  siteKey,
  visitorId: "visitor-0000000001",
  sessionId: "session-000000001",
  url: LANDING,
  referrer: "https://yandex.ru/",
  title: "Главная",
  utm: { source: "yandex", medium: "cpc", campaign: "Spring" },
  clickIds: { yclid: "111" },
  ...overrides,
});

const expectAppError = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
};

describe("/api/track", () => {
  it("refuses unknown keys, foreign origins, oversized and malformed bodies; drops robots", async () => {
    const { tenantId, site } = await createSalon();
    const track = createTrack();

    const unknown = await track.post(pageView("unknown-key-0000000000"));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(
      (await track.post(pageView(site.publicKey), { origin: "https://evil.example" })).status,
    ).toBe(403);
    expect(
      (await track.post(pageView(site.publicKey), { origin: "https://salon.ru.evil.example" }))
        .status,
    ).toBe(403);
    expect((await track.post(pageView(site.publicKey), { origin: "null" })).status).toBe(403);
    expect(
      (await track.post(pageView(site.publicKey, { title: "x".repeat(MAX_TRACK_BODY_BYTES) })))
        .status,
    ).toBe(413);
    expect(
      (
        await track.post(pageView(site.publicKey), {
          "content-length": String(MAX_TRACK_BODY_BYTES + 1),
        })
      ).status,
    ).toBe(413);
    expect((await track.post("{not json")).status).toBe(400);
    expect(
      (await track.post(pageView(site.publicKey, { url: "javascript:alert(1)" }))).status,
    ).toBe(400);
    expect(
      (
        await track.post(pageView(site.publicKey), {
          "user-agent": "Mozilla/5.0 (compatible; YandexBot/3.0)",
        })
      ).status,
    ).toBe(204);

    await track.settle();
    expect(await db.trackerSession.count({ where: { tenantId } })).toBe(0);
  });

  it("records a page view in a new session attributed server-side, and answers with the site's config", async () => {
    const { tenantId, site } = await createSalon();
    const track = createTrack();
    const response = await track.post(pageView(site.publicKey));
    expect(response.status).toBe(202);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://www.salon.ru");
    expect(await response.json()).toEqual({
      ok: true,
      widgetUrlPatterns: ["klientiks.ru/app/"],
      captureContacts: false,
      phones: null,
    });
    await track.settle();

    const [session] = await db.trackerSession.findMany({
      where: { tenantId },
      include: { source: true, campaign: true, pageViews: true },
    });
    expect(session).toMatchObject({
      siteId: site.id,
      visitorId: "visitor-0000000001",
      sessionKey: "session-000000001",
      landingUrl: LANDING,
      referrer: "https://yandex.ru/",
      utmSource: "yandex",
      utmMedium: "cpc",
      utmCampaign: "Spring",
      yclid: "111",
      channel: "paid",
      source: { presetKey: "yandex_direct" },
      campaign: { name: "spring", utmCampaigns: ["spring"], isAutoCreated: true },
    });
    expect(session?.pageViews.map(({ url, title }) => ({ url, title }))).toEqual([
      { url: LANDING, title: "Главная" },
    ]);
  });

  it("accepts the Referer when the browser sends no Origin, and answers preflights", async () => {
    const { site } = await createSalon();
    const track = createTrack();
    const response = await track.post(pageView(site.publicKey), {
      origin: "",
      referer: "https://salon.ru/prices",
    });
    expect(response.status).toBe(202);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://salon.ru");
    const preflight = answerTrackPreflight(
      new Request("http://svyaz.test/api/track", {
        method: "OPTIONS",
        headers: { origin: "https://salon.ru" },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    await track.settle();
  });

  it("continues the session within 30 minutes, and starts another on a new utm_campaign with an auto-created campaign", async () => {
    const { tenantId, site } = await createSalon();
    const track = createTrack();
    await track.post(pageView(site.publicKey));
    await track.post(
      pageView(site.publicKey, {
        url: "https://www.salon.ru/prices",
        referrer: LANDING,
        utm: {},
        clickIds: {},
      }),
    );
    await track.settle();
    const sessions = await db.trackerSession.findMany({
      where: { tenantId },
      include: { _count: { select: { pageViews: true } } },
    });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?._count.pageViews).toBe(2);

    // Same tracker session id, new campaign: the server's rules start a new session anyway.
    await track.post(
      pageView(site.publicKey, {
        url: "https://www.salon.ru/?utm_source=yandex&utm_medium=cpc&utm_campaign=autumn",
        utm: { source: "yandex", medium: "cpc", campaign: "autumn" },
        clickIds: {},
      }),
    );
    await track.settle();
    const latest = await db.trackerSession.findMany({
      where: { tenantId },
      orderBy: { startedAt: "asc" },
      select: { utmCampaign: true, campaign: { select: { name: true } } },
    });
    expect(latest).toEqual([
      { utmCampaign: "Spring", campaign: { name: "spring" } },
      { utmCampaign: "autumn", campaign: { name: "autumn" } },
    ]);
    expect(
      (await findCampaigns(db, { tenantId })).map(({ name, isAutoCreated }) => ({
        name,
        isAutoCreated,
      })),
    ).toEqual([
      { name: "autumn", isAutoCreated: true },
      { name: "spring", isAutoCreated: true },
    ]);
  });

  it("starts a new session after 30 idle minutes", async () => {
    const { tenantId, site } = await createSalon();
    const hit = ZTrackHitSchema.parse(
      pageView(site.publicKey, { utm: {}, clickIds: {}, referrer: null }),
    );
    const tracked = await findTrackedSiteByKey(db, site.publicKey);
    const start = new Date("2026-03-01T10:00:00Z");
    const first = await recordTrackHit(db, { tenantId, site: tracked!, hit, at: start });
    expect(
      await recordTrackHit(db, {
        tenantId,
        site: tracked!,
        hit,
        at: new Date(start.getTime() + 29 * MINUTE),
      }),
    ).toBe(first);
    expect(
      await recordTrackHit(db, {
        tenantId,
        site: tracked!,
        hit,
        at: new Date(start.getTime() + 60 * MINUTE),
      }),
    ).not.toBe(first);
    const sessions = await db.trackerSession.findMany({
      where: { tenantId },
      orderBy: { startedAt: "asc" },
      select: { channel: true, lastSeenAt: true },
    });
    expect(sessions).toEqual([
      { channel: "direct", lastSeenAt: new Date(start.getTime() + 29 * MINUTE) },
      { channel: "direct", lastSeenAt: new Date(start.getTime() + 60 * MINUTE) },
    ]);
  });

  it("stores widget opens, and contacts only for sites that opted in, once per session", async () => {
    const { owner, tenantId, site } = await createSalon();
    const track = createTrack();
    await track.post(pageView(site.publicKey));
    const widgetUrl = "https://klientiks.ru/app/united/salon?svyaz_sid=session-000000001";
    expect(
      (await track.post({ ...pageView(site.publicKey), type: "widget_open", widgetUrl })).status,
    ).toBe(204);
    const contact = { ...pageView(site.publicKey), type: "contact", phone: "+79991234567" };
    expect((await track.post(contact)).status).toBe(204);
    await track.settle();
    expect(await db.capturedContact.count({ where: { tenantId } })).toBe(0);

    await updateSite(db, {
      tenantId,
      actorUserId: owner.id,
      siteId: site.id,
      request: { captureContacts: true },
    });
    track.deps.sites.invalidate(site.publicKey);
    await track.post(contact);
    await track.post(contact);
    await track.post({ ...contact, phone: undefined, email: "Anna@Example.com" });
    expect((await track.post({ ...contact, phone: "89991234567" })).status).toBe(400);
    await track.settle();

    const [session] = await db.trackerSession.findMany({
      where: { tenantId },
      include: { widgetOpens: true, capturedContacts: { orderBy: { at: "asc" } } },
    });
    expect(session?.widgetOpens.map(({ url, siteId }) => ({ url, siteId }))).toEqual([
      { url: widgetUrl, siteId: site.id },
    ]);
    expect(session?.capturedContacts.map(({ phone, email }) => ({ phone, email }))).toEqual([
      { phone: "+79991234567", email: null },
      { phone: null, email: "anna@example.com" },
    ]);
    expect(await findRecentSessions(db, { tenantId, siteId: site.id })).toEqual([
      expect.objectContaining({
        channel: "paid",
        sourcePresetKey: "yandex_direct",
        campaignName: "spring",
        pageViews: 1,
        widgetOpens: 1,
      }),
    ]);
  });

  it("limits hits per site and address", async () => {
    const { site } = await createSalon();
    const track = createTrack({ capacity: 2, refillPerSecond: 0.01 });
    const statuses = [];
    for (let hit = 0; hit < 3; hit += 1)
      statuses.push(
        (await track.post(pageView(site.publicKey), { "x-forwarded-for": "203.0.113.7" })).status,
      );
    const limited = await track.post(pageView(site.publicKey), {
      "x-forwarded-for": "203.0.113.7",
    });
    expect(statuses).toEqual([202, 202, 429]);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(
      (await track.post(pageView(site.publicKey), { "x-forwarded-for": "203.0.113.8" })).status,
    ).toBe(202);
    await track.settle();
  });
});

describe("sites, sources and campaigns", () => {
  it("creates presets once, links tagged visits to existing campaigns and auto-creates only for paid sources", async () => {
    const { owner, tenantId, site } = await createSalon();
    const sources = await findSources(db, { tenantId });
    expect(sources.map((source) => source.presetKey)).toEqual([
      "yandex_direct",
      "vk_ads",
      "google_ads",
      "email",
      "social",
      "organic_yandex",
      "organic_google",
      "organic_other",
      "referral",
      "direct",
    ]);
    expect(await findSources(db, { tenantId })).toHaveLength(10);
    const email = sources.find((source) => source.presetKey === "email")!;
    const march = await createCampaign(db, {
      tenantId,
      actorUserId: owner.id,
      request: { name: "Мартовская рассылка", sourceId: email.id, utmCampaigns: ["march"] },
    });

    const track = createTrack();
    await track.post(
      pageView(site.publicKey, {
        visitorId: "visitor-0000000002",
        utm: { source: "newsletter", medium: "email", campaign: "MARCH" },
        clickIds: {},
      }),
    );
    await track.post(
      pageView(site.publicKey, {
        visitorId: "visitor-0000000003",
        utm: { source: "newsletter", medium: "email", campaign: "april" },
        clickIds: {},
      }),
    );
    await track.settle();
    const sessions = await db.trackerSession.findMany({
      where: { tenantId },
      orderBy: { visitorId: "asc" },
      select: { channel: true, sourceId: true, campaignId: true },
    });
    expect(sessions).toEqual([
      { channel: "email", sourceId: email.id, campaignId: march.id },
      { channel: "email", sourceId: email.id, campaignId: null },
    ]);
    expect(await findCampaigns(db, { tenantId })).toHaveLength(1);
  });

  it("keeps campaign values unique per source, and scopes every change to the workspace", async () => {
    const { owner, tenantId, site } = await createSalon();
    const other = await createSalon("other-salon.ru");
    const [yandexDirect] = await findSources(db, { tenantId });
    const spring = await createCampaign(db, {
      tenantId,
      actorUserId: owner.id,
      request: { name: "Весна", sourceId: yandexDirect!.id, utmCampaigns: ["spring"] },
    });
    await expectAppError(
      createCampaign(db, {
        tenantId,
        actorUserId: owner.id,
        request: { name: "Дубль", sourceId: yandexDirect!.id, utmCampaigns: ["sale", "spring"] },
      }),
      "CAMPAIGN_VALUE_TAKEN",
    );
    expect(
      await updateCampaign(db, {
        tenantId,
        actorUserId: owner.id,
        campaignId: spring.id,
        request: {
          name: "Весна 2026",
          sourceId: yandexDirect!.id,
          utmCampaigns: ["spring", "spring26"],
        },
      }),
    ).toMatchObject({ name: "Весна 2026", utmCampaigns: ["spring", "spring26"] });
    await expectAppError(
      createCampaign(db, {
        tenantId: other.tenantId,
        actorUserId: other.owner.id,
        request: { name: "Чужой источник", sourceId: yandexDirect!.id, utmCampaigns: ["x"] },
      }),
      "NOT_FOUND",
    );
    await expectAppError(
      deleteCampaign(db, {
        tenantId: other.tenantId,
        actorUserId: other.owner.id,
        campaignId: spring.id,
      }),
      "NOT_FOUND",
    );
    await deleteCampaign(db, { tenantId, actorUserId: owner.id, campaignId: spring.id });

    await expectAppError(
      createSite(db, {
        tenantId,
        actorUserId: owner.id,
        request: { domain: "salon.ru", name: "Дубль" },
      }),
      "SITE_DOMAIN_TAKEN",
    );
    await expectAppError(
      updateSite(db, {
        tenantId: other.tenantId,
        actorUserId: other.owner.id,
        siteId: site.id,
        request: { name: "Чужой" },
      }),
      "NOT_FOUND",
    );
    await expectAppError(
      findRecentSessions(db, { tenantId: other.tenantId, siteId: site.id }),
      "NOT_FOUND",
    );
    expect(
      await updateSite(db, {
        tenantId,
        actorUserId: owner.id,
        siteId: site.id,
        request: { widgetUrlPatterns: ["127.0.0.1:4010/app/"] },
      }),
    ).toMatchObject({ widgetUrlPatterns: ["127.0.0.1:4010/app/"] });

    const track = createTrack();
    await track.post(pageView(site.publicKey));
    await track.settle();
    await expectAppError(
      deleteSite(db, { tenantId: other.tenantId, actorUserId: other.owner.id, siteId: site.id }),
      "NOT_FOUND",
    );
    await deleteSite(db, { tenantId, actorUserId: owner.id, siteId: site.id });
    expect(await findSites(db, { tenantId })).toEqual([]);
    expect(await db.trackerSession.count({ where: { tenantId } })).toBe(0);
    expect(await db.pageView.count({ where: { tenantId } })).toBe(0);
  });
});

describe("/api/track and text the database cannot store (docs/input-text.md)", () => {
  const EMOJI = "😀";

  it("stores what it accepted: cuts never split a character, NUL and lone surrogates are removed", async () => {
    warnings.splice(0);
    const { owner, tenantId, site } = await createSalon();
    await updateSite(db, {
      tenantId,
      actorUserId: owner.id,
      siteId: site.id,
      request: { captureContacts: true },
    });
    const track = createTrack();
    const cutTitle = await track.post(
      pageView(site.publicKey, {
        visitorId: "visitor-cut-000001",
        title: `${"x".repeat(299)}${EMOJI}`,
        utm: {
          source: "yandex",
          medium: `${"m".repeat(255)}${EMOJI}`,
          campaign: `${"c".repeat(255)}${EMOJI}`,
        },
        clickIds: { yclid: `${"1".repeat(255)}${EMOJI}` },
      }),
    );
    const dirty = await track.post(
      pageView(site.publicKey, {
        visitorId: "visitor-nul-000001",
        url: "https://www.salon.ru/pri\u0000ces\uD83D",
        referrer: "https://yandex.ru/\uDE00search\u0000",
        title: "Це\u0000ны \uD83D",
        utm: { source: "vk\u0000", campaign: "весна\uDC00" },
        clickIds: { gclid: "g\u0000cl\uD800id", fbclid: "\u0000" },
      }),
    );
    const widgetOpen = await track.post({
      ...pageView(site.publicKey, { visitorId: "visitor-wid-000001" }),
      type: "widget_open",
      widgetUrl: "https://klientiks.ru/app/\u0000salon\uDBFF",
    });
    const nulEmail = await track.post({
      ...pageView(site.publicKey, { visitorId: "visitor-wid-000001" }),
      type: "contact",
      email: "anna\u0000@example.com",
    });
    expect([cutTitle.status, dirty.status, widgetOpen.status, nulEmail.status]).toEqual([
      202, 202, 204, 400,
    ]);
    await track.settle();

    const cut = await db.trackerSession.findFirstOrThrow({
      where: { tenantId, visitorId: "visitor-cut-000001" },
      include: { pageViews: true },
    });
    expect(cut).toMatchObject({
      utmMedium: "m".repeat(255),
      utmCampaign: "c".repeat(255),
      yclid: "1".repeat(255),
    });
    expect(cut.pageViews.map(({ title }) => title)).toEqual(["x".repeat(299)]);
    const cleaned = await db.trackerSession.findFirstOrThrow({
      where: { tenantId, visitorId: "visitor-nul-000001" },
      include: { pageViews: true },
    });
    expect(cleaned).toMatchObject({
      landingUrl: "https://www.salon.ru/prices",
      referrer: "https://yandex.ru/search",
      utmSource: "vk",
      utmCampaign: "весна",
      gclid: "gclid",
      fbclid: null,
    });
    expect(cleaned.pageViews.map(({ url, title }) => ({ url, title }))).toEqual([
      { url: "https://www.salon.ru/prices", title: "Цены" },
    ]);
    expect((await db.widgetOpen.findMany({ where: { tenantId } })).map(({ url }) => url)).toEqual([
      "https://klientiks.ru/app/salon",
    ]);
    expect(await db.capturedContact.count({ where: { tenantId } })).toBe(0);
    expect(warnings).toEqual([]);
  });

  it("stores every page view and widget open it accepted, whatever the strings (fuzz)", async () => {
    warnings.splice(0);
    const { tenantId, site } = await createSalon();
    // Any code point, with NUL, lone surrogates and emoji (split by a cut at 256 or 300) made common.
    const hostileUnit = fc.oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      fc.constantFrom("\u0000", "\uD83D", "\uDE00", EMOJI),
    );
    const text = fc.string({ unit: hostileUnit, maxLength: 320 });
    const hitArbitrary = fc.record({
      isWidgetOpen: fc.boolean(),
      path: text,
      referrer: fc.option(text.map((value) => `https://ref.example/${value}`)),
      title: text,
      utm: fc.record(
        { source: text, medium: text, campaign: text, content: text, term: text },
        { requiredKeys: [] },
      ),
      clickIds: fc.record({ yclid: text, gclid: text, fbclid: text }, { requiredKeys: [] }),
    });
    const hits = fc.sample(hitArbitrary, { numRuns: 100, seed: 8 });
    const track = createTrack({ capacity: 1000, refillPerSecond: 1000 });
    const statuses = await Promise.all(
      hits.map(({ isWidgetOpen, path, ...fields }, index) => {
        const hit = pageView(site.publicKey, {
          visitorId: `visitor-fuzz-${String(index).padStart(4, "0")}`,
          url: `https://www.salon.ru/${path}`,
          ...fields,
        });
        return track
          .post(isWidgetOpen ? { ...hit, type: "widget_open", widgetUrl: hit.url } : hit)
          .then((response) => ({ isWidgetOpen, status: response.status }));
      }),
    );
    await track.settle();

    const acceptedViews = statuses.filter(
      ({ isWidgetOpen, status }) => !isWidgetOpen && status === 202,
    ).length;
    const acceptedOpens = statuses.filter(
      ({ isWidgetOpen, status }) => isWidgetOpen && status === 204,
    ).length;
    expect(acceptedViews + acceptedOpens).toBeGreaterThan(90);
    expect({
      pageViews: await db.pageView.count({ where: { tenantId } }),
      widgetOpens: await db.widgetOpen.count({ where: { tenantId } }),
    }).toEqual({ pageViews: acceptedViews, widgetOpens: acceptedOpens });
    expect(warnings).toEqual([]);
  });
});
