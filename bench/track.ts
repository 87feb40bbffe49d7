/**
 * `npm run bench:track`: the site tracker's `POST /api/track` under load, next to two bare route
 * handlers measured in the same run with the same connections (before and after the tracker run; the
 * better of the two is each baseline): the health probe's GET, and its POST sent the same hits (the
 * same request shape), then the attribution of one lead with 1,000,000 stored sessions.
 * Prints progress lines, then ONE JSON line:
 *   {"track_rps", "track_p99_ms", "bare_rps", "bare_p99_ms", "bare_post_rps", "bare_post_p99_ms",
 *    "sessions", "attribution_ms"}
 * Targets: track_rps ≥ 0.7 × bare_post_rps, track_p99_ms ≤ 2 × bare_post_p99_ms, attribution_ms ≤ 50.
 * Everything runs on 127.0.0.1; see bench/README.md.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

import { attributeLead, type TLeadAttribution } from "@/server/domain/leads/attribute-lead";
import { findAttributionCandidates } from "@/server/domain/leads/find-attribution-candidates";

import { signUpWorkspaceOwner } from "./lib/app-client";
import { startAppOnBenchDatabase } from "./lib/bench-app";
import { runBench } from "./lib/cleanup";
import { createBenchPrisma } from "./lib/database";
import {
  countTwoXx,
  describeStatuses,
  logRatios,
  measureAgainstBareRoute,
  postEach,
} from "./lib/load";
import { log, percentile, roundMs, waitUntil } from "./lib/stats";
import { createTrackHitGenerator, type TTrackHitRequest } from "./lib/track-hits";
import { insertBenchSessions } from "./lib/tracker-data";

/**
 * Longer than bench:ingest's 10 s: at the start of every run the server answers the first request
 * of each of the 50 fresh connections one after another, whatever the route (up to 2-4 s on two
 * cores). At the track route's rate, 10 s runs leave those at about 1 % of the requests, right
 * where p99 is read; 20 s runs measure the route rather than the connection start.
 */
const LOAD_SECONDS = Number(process.env.BENCH_TRACK_SECONDS ?? 20);
/** Unmeasured load on each route first, as in bench:ingest (V8's JIT); 0 reproduces cold runs. */
const WARMUP_SECONDS = Number(process.env.BENCH_TRACK_WARMUP_SECONDS ?? 10);
const SESSIONS = Number(process.env.BENCH_TRACK_SESSIONS ?? 1_000_000);
const CHUNK = 100_000;
const WARMUPS = 3;
const RUNS = 30;
const DRAIN_TIMEOUT_MS = 5 * 60_000;
const SETUP_TIMEOUT_MS = 30_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const SITE_DOMAIN = "salon-bench.ru";
const SECOND_SITE_DOMAIN = "promo.salon-bench.online";

type TSiteView = { id: string; publicKey: string; domain: string; captureContacts: boolean };
type TSettings = Parameters<typeof findAttributionCandidates>[1]["settings"];
type TCase = {
  name: string;
  bookedAt: Date;
  sessionKey: string | null;
  contact: { phone: string | null; email: string | null };
  expected: Pick<TLeadAttribution, "rule" | "sessionId">;
};

await runBench(async () => {
  if (!Number.isInteger(SESSIONS) || SESSIONS < 10_000)
    throw new Error("BENCH_TRACK_SESSIONS must be an integer ≥ 10000");
  const { database, sql, app } = await startAppOnBenchDatabase(["/api/health/live", "/api/track"]);

  // A workspace with two sites, through the app's own API, as its owner would set it up; the main
  // site captures contacts, so contact hits are stored too.
  const { api, workspace } = await signUpWorkspaceOwner(app.url, "Bench Salon");
  const tenant = { tenantSlug: workspace.slug };
  const site = await api.mutation<TSiteView>("sites.create", {
    ...tenant,
    input: { domain: SITE_DOMAIN, name: "Салон" },
  });
  await api.mutation<TSiteView>("sites.update", {
    ...tenant,
    input: { siteId: site.id, changes: { captureContacts: true } },
  });
  const secondSite = await api.mutation<TSiteView>("sites.create", {
    ...tenant,
    input: { domain: SECOND_SITE_DOMAIN, name: "Промо-лендинг" },
  });
  const tenantId = workspace.id;
  log(
    `workspace ${workspace.slug} with sites ${site.domain} (contacts captured) and ${secondSite.domain}`,
  );

  const storedHits = async () => {
    const {
      rows: [counts],
    } = await sql.query<{
      sessions: string;
      page_views: string;
      widget_opens: string;
      contacts: string;
    }>(
      `SELECT (SELECT count(*) FROM "TrackerSession" WHERE "tenantId" = $1) AS sessions, (SELECT count(*) FROM "PageView" WHERE "tenantId" = $1) AS page_views,
              (SELECT count(*) FROM "WidgetOpen" WHERE "tenantId" = $1) AS widget_opens, (SELECT count(*) FROM "CapturedContact" WHERE "tenantId" = $1) AS contacts`,
      [tenantId],
    );
    const sessions = Number(counts?.sessions ?? 0);
    const pageViews = Number(counts?.page_views ?? 0);
    const widgetOpens = Number(counts?.widget_opens ?? 0);
    const contacts = Number(counts?.contacts ?? 0);
    // Every accepted hit stores exactly one page view, widget open or contact.
    return { sessions, pageViews, widgetOpens, contacts, hits: pageViews + widgetOpens + contacts };
  };

  // One hit by hand, as the browser sends it: the site key, origin and user agent pass, and the
  // hit is stored after the answer.
  const sanityHit = createTrackHitGenerator({
    siteKey: site.publicKey,
    siteDomain: SITE_DOMAIN,
    runId: "sanity00",
  })();
  const sanity = await fetch(`${app.url}/api/track`, {
    method: "POST",
    headers: sanityHit.headers,
    body: sanityHit.body,
  });
  const sanityBody = await sanity.text();
  if (sanity.status !== 202)
    throw new Error(`a page view answered ${sanity.status}: ${sanityBody}`);
  if (!(JSON.parse(sanityBody) as { captureContacts?: boolean }).captureContacts)
    throw new Error(`the page view's config does not capture contacts: ${sanityBody}`);
  if (
    !(await waitUntil(async () => (await storedHits()).hits === 1, {
      timeoutMs: SETUP_TIMEOUT_MS,
      intervalMs: 50,
    }))
  )
    throw new Error("the first hit was not stored within 30 s");
  const bareCheck = await fetch(`${app.url}/api/health/live`);
  if (bareCheck.status !== 200) throw new Error(`/api/health/live answered ${bareCheck.status}`);

  // Phase 1: the tracker route against the bare one. Every hit is distinct (visit, page, type),
  // and the hits of a visit follow each other, so sessions start and continue as on a real site.
  const nextHit = createTrackHitGenerator({
    siteKey: site.publicKey,
    siteDomain: SITE_DOMAIN,
    runId: randomBytes(4).toString("hex"),
  });
  const sentByType: Record<TTrackHitRequest["type"], number> = {
    pageview: 0,
    widget_open: 0,
    contact: 0,
  };
  let accepted = 0;
  const trackLoad = async (duration: number) => {
    const result = await postEach(app.url, "/api/track", () => {
      const hit = nextHit();
      sentByType[hit.type] += 1;
      return hit;
    })(duration);
    accepted += countTwoXx(result);
    return result;
  };
  const baseline = await storedHits();
  /** Waits (bounded) until every accepted hit is stored: the route writes after answering. */
  const drainHits = async () => {
    let lastReport = performance.now();
    return waitUntil(
      async () => {
        const stored = (await storedHits()).hits - baseline.hits;
        if (performance.now() - lastReport > 5_000) {
          lastReport = performance.now();
          log(`storing the accepted hits: ${stored} / ${accepted}`);
        }
        return stored >= accepted;
      },
      { timeoutMs: DRAIN_TIMEOUT_MS, intervalMs: 250 },
    );
  };

  // The same-shape baseline: the health probe's POST, which reads the body and drops it, sent
  // hits of the same kind, size and headers (a generator of its own, so the track run's visits
  // stay whole).
  const nextBareHit = createTrackHitGenerator({
    siteKey: site.publicKey,
    siteDomain: SITE_DOMAIN,
    runId: randomBytes(4).toString("hex"),
  });
  const barePostLoad = postEach(app.url, "/api/health/live", nextBareHit);

  let beforeRun = baseline;
  const runs = await measureAgainstBareRoute({
    app,
    warmupSeconds: WARMUP_SECONDS,
    loadSeconds: LOAD_SECONDS,
    route: {
      name: "track route",
      sends:
        "POST /api/track (250 visits under way, 5 hits each: landing page view, page views, widget opens, contacts; " +
        "a browser user agent, the site's origin, one X-Forwarded-For per visitor)",
      load: trackLoad,
    },
    sameShapeBare: {
      sends: "the same kind of hits to POST /api/health/live",
      load: barePostLoad,
    },
    afterWarmUp: async () => {
      if (WARMUP_SECONDS > 0 && !(await drainHits()))
        throw new Error("the warm-up's hits were not stored in time");
      beforeRun = await storedHits();
    },
    // The route stores hits after answering; let it finish before the second bare run.
    afterRoute: async ({ result }) => {
      const statuses = describeStatuses(result);
      const atEnd = await storedHits();
      log(
        `track run answers ${statuses}; stored during the run: ${atEnd.sessions - beforeRun.sessions} sessions, ${atEnd.pageViews - beforeRun.pageViews} page views, ` +
          `${atEnd.widgetOpens - beforeRun.widgetOpens} widget opens, ${atEnd.contacts - beforeRun.contacts} contacts`,
      );
      const drainStarted = performance.now();
      const isDrained = await drainHits();
      log(
        `accepted hits ${isDrained ? "all stored" : "NOT all stored"} ${((performance.now() - drainStarted) / 1000).toFixed(1)} s after the run`,
      );
    },
  });
  const track = runs.route.result;
  // Accepted hits only: a hit refused (429) or shed (503) is an answer, not throughput.
  const trackRps = countTwoXx(track) / Math.max(track.duration, 1);
  const bare = runs.bare.result;
  if (!runs.sameShapeBare) throw new Error("the same-shape bare route was not measured");
  const barePost = runs.sameShapeBare.result;
  const afterLoad = await storedHits();
  const lost = Math.max(0, accepted - (afterLoad.hits - baseline.hits));
  log(
    `hits sent in all: ${sentByType.pageview} page views, ${sentByType.widget_open} widget opens, ${sentByType.contact} contacts; ` +
      `${accepted} accepted, ${afterLoad.hits - baseline.hits} stored (${lost} lost); ${afterLoad.sessions - baseline.sessions} sessions started for ${nextHit.visitsBegun()} visits begun`,
  );
  log(
    `track route: ${Math.round(trackRps)} accepted hits/s of ${Math.round(track.requests.average)} answers/s`,
  );
  logRatios("track", runs, { routeRps: trackRps, extra: " — against the bare GET" });
  logRatios(
    "track",
    { route: runs.route, bare: runs.sameShapeBare },
    { routeRps: trackRps, extra: " — against the bare POST of the same hits: the targets" },
  );

  // Phase 2: one year of a busy salon's visits, generated in the database, then the attribution
  // of one lead per rule. The generated visits end six hours before now, so that no background
  // widget open falls into a case's 30-minute window and each case's rule is the one that decides.
  // The preset sources the generated sessions refer to (created on a workspace's first list or hit).
  await api.query("sites.sources", tenant);
  const now = new Date();
  const insertStarted = performance.now();
  for (let first = 1; first <= SESSIONS; first += CHUNK) {
    const last = Math.min(SESSIONS, first + CHUNK - 1);
    await insertBenchSessions(sql, {
      tenantId,
      siteId: site.id,
      secondSiteId: secondSite.id,
      first,
      last,
      endsAt: new Date(now.getTime() - 6 * HOUR_MS),
    });
    log(
      `inserted ${last} / ${SESSIONS} sessions with their widget opens and contacts (${((performance.now() - insertStarted) / 1000).toFixed(1)} s)`,
    );
  }

  const insertSession = (id: string, sessionKey: string, startedAt: Date) =>
    sql.query(
      `INSERT INTO "TrackerSession" ("id", "tenantId", "siteId", "visitorId", "sessionKey", "startedAt", "lastSeenAt", "landingUrl", "referrer", "utmSource", "utmMedium", "utmCampaign", "channel")
     VALUES ($1, $2, $3, $4, $5, $6, $6::timestamptz + interval '15 minutes', $7, 'https://yandex.ru/', 'yandex', 'cpc', 'spring-1', 'paid')`,
      [
        id,
        tenantId,
        site.id,
        `visitor-${id}`,
        sessionKey,
        startedAt,
        `https://www.${SITE_DOMAIN}/?utm_source=yandex&utm_medium=cpc&utm_campaign=spring-1`,
      ],
    );
  const insertWidgetOpen = (sessionId: string, at: Date) =>
    sql.query(
      `INSERT INTO "WidgetOpen" ("id", "tenantId", "siteId", "sessionId", "url", "at") VALUES ($1, $2, $3, $4, 'https://klientiks.ru/app/widget/4242', $5)`,
      [`wo_${sessionId}_${at.getTime()}`, tenantId, site.id, sessionId, at],
    );
  const insertContact = (sessionId: string, phone: string, at: Date) =>
    sql.query(
      `INSERT INTO "CapturedContact" ("id", "tenantId", "siteId", "sessionId", "phone", "email", "at") VALUES ($1, $2, $3, $4, $5, NULL, $6)`,
      [`cc_${sessionId}`, tenantId, site.id, sessionId, phone, at],
    );

  // (a) The booking carries the session id; the key also names an older session (a rollover).
  const bookedA = new Date(now.getTime() - HOUR_MS);
  await insertSession(
    "ses_case_a_old",
    "caseAsessionKey0001",
    new Date(bookedA.getTime() - 2 * DAY_MS),
  );
  await insertSession(
    "ses_case_a",
    "caseAsessionKey0001",
    new Date(bookedA.getTime() - 20 * MINUTE_MS),
  );
  await insertWidgetOpen("ses_case_a", new Date(bookedA.getTime() - 5 * MINUTE_MS));
  // (b) No id: one session opened the widget (twice) within the window.
  const bookedB = new Date(now.getTime() - 2 * HOUR_MS);
  await insertSession(
    "ses_case_b",
    "caseBsessionKey0001",
    new Date(bookedB.getTime() - 15 * MINUTE_MS),
  );
  await insertWidgetOpen("ses_case_b", new Date(bookedB.getTime() - 10 * MINUTE_MS));
  await insertWidgetOpen("ses_case_b", new Date(bookedB.getTime() - 4 * MINUTE_MS));
  // (c) Only the phone: captured three and twelve days before; the nearest wins.
  const bookedC = new Date(now.getTime() - 3 * HOUR_MS);
  await insertSession(
    "ses_case_c",
    "caseCsessionKey0001",
    new Date(bookedC.getTime() - 3 * DAY_MS),
  );
  await insertContact(
    "ses_case_c",
    "+79995550101",
    new Date(bookedC.getTime() - 3 * DAY_MS + 5 * MINUTE_MS),
  );
  await insertSession(
    "ses_case_c_old",
    "caseCsessionKey0002",
    new Date(bookedC.getTime() - 12 * DAY_MS),
  );
  await insertContact(
    "ses_case_c_old",
    "+79995550101",
    new Date(bookedC.getTime() - 12 * DAY_MS + 5 * MINUTE_MS),
  );
  const bookedD = new Date(now.getTime() - 4 * HOUR_MS);

  // What autovacuum would have done by the time the tables are this size: statistics, visibility map.
  for (const table of ["TrackerSession", "WidgetOpen", "CapturedContact", "PageView"])
    await sql.query(`VACUUM (ANALYZE) "${table}"`);
  const {
    rows: [size],
  } = await sql.query<{
    table: string;
    indexes: string;
    sessions: string;
    opens: string;
    contacts: string;
  }>(
    `SELECT pg_size_pretty(pg_table_size('"TrackerSession"')) AS "table", pg_size_pretty(pg_indexes_size('"TrackerSession"')) AS "indexes",
            (SELECT count(*) FROM "TrackerSession") AS sessions, (SELECT count(*) FROM "WidgetOpen") AS opens, (SELECT count(*) FROM "CapturedContact") AS contacts`,
  );
  const sessions = Number(size?.sessions ?? 0);
  log(
    `vacuumed and analyzed: ${sessions} sessions (table ${size?.table}, indexes ${size?.indexes}), ${size?.opens} widget opens, ${size?.contacts} captured contacts`,
  );

  // The app's pool size; one connection on the embedded database.
  const db = createBenchPrisma(database);
  const {
    rows: [defaultSource],
  } = await sql.query<{ id: string }>(
    `SELECT "id" FROM "Source" WHERE "tenantId" = $1 AND "presetKey" = 'direct'`,
    [tenantId],
  );
  if (!defaultSource) throw new Error("the workspace has no preset sources");
  // The widget step's defaults, with the default source and site chosen.
  const settings: TSettings = {
    trafficType: "source",
    defaultSourceId: defaultSource.id,
    defaultSiteId: site.id,
    defaultCampaignId: null,
    widgetOpenWindowMinutes: 30,
    contactMatchWindowDays: 30,
  };
  const email = (name: string) => `${name}@example.ru`;
  const cases: TCase[] = [
    {
      name: "(a) session id",
      bookedAt: bookedA,
      sessionKey: "caseAsessionKey0001",
      contact: { phone: "+79995550001", email: email("case-a") },
      expected: { rule: "session_id", sessionId: "ses_case_a" },
    },
    {
      name: "(b) widget open",
      bookedAt: bookedB,
      sessionKey: null,
      contact: { phone: "+79995550002", email: email("case-b") },
      expected: { rule: "widget_open", sessionId: "ses_case_b" },
    },
    {
      name: "(c) contact match",
      bookedAt: bookedC,
      sessionKey: null,
      contact: { phone: "+79995550101", email: email("case-c") },
      expected: { rule: "contact_match", sessionId: "ses_case_c" },
    },
    {
      name: "(d) default",
      bookedAt: bookedD,
      sessionKey: null,
      contact: { phone: "+79995550004", email: email("case-d") },
      expected: { rule: "default_source", sessionId: null },
    },
  ];

  /** `findAttributionCandidates` then `attributeLead`: what creating a lead spends on attribution. */
  const attribute = async (testCase: TCase) => {
    const candidates = await findAttributionCandidates(db, {
      tenantId,
      bookedAt: testCase.bookedAt,
      sessionKey: testCase.sessionKey,
      contact: testCase.contact,
      settings,
    });
    return attributeLead({ bookedAt: testCase.bookedAt, candidates, settings });
  };
  log(
    `phase 2: the attribution of one lead per rule, ${RUNS} runs each after ${WARMUPS} warm-up rounds over all four`,
  );
  // Warm-ups of every case before any is timed: the first calls of each query shape cost more.
  for (let round = 0; round < WARMUPS; round += 1)
    for (const testCase of cases) await attribute(testCase);
  const p95s: number[] = [];
  const allSamples: number[] = [];
  for (const testCase of cases) {
    const samples: number[] = [];
    for (let index = 0; index < RUNS; index += 1) {
      const started = performance.now();
      const attribution = await attribute(testCase);
      samples.push(performance.now() - started);
      if (
        attribution.rule !== testCase.expected.rule ||
        attribution.sessionId !== testCase.expected.sessionId
      ) {
        throw new Error(
          `${testCase.name}: attributed by ${attribution.rule} to ${attribution.sessionId}, expected ${testCase.expected.rule} to ${testCase.expected.sessionId}`,
        );
      }
    }
    const p95 = percentile(samples, 95);
    p95s.push(p95);
    allSamples.push(...samples);
    log(
      `${testCase.name}: rule ${testCase.expected.rule}, p50 ${roundMs(percentile(samples, 50))} ms, p95 ${roundMs(p95)} ms, max ${roundMs(Math.max(...samples))} ms`,
    );
  }
  log(
    `attribution: p95 over all ${allSamples.length} runs ${roundMs(percentile(allSamples, 95))} ms; slowest case's p95 ${roundMs(Math.max(...p95s))} ms (reported; target ≤ 50 ms)`,
  );
  if (database.kind === "embedded") log("embedded database: the targets apply to PostgreSQL");

  return {
    track_rps: Math.round(trackRps),
    track_p99_ms: roundMs(track.latency.p99),
    bare_rps: Math.round(bare.requests.average),
    bare_p99_ms: roundMs(bare.latency.p99),
    bare_post_rps: Math.round(barePost.requests.average),
    bare_post_p99_ms: roundMs(barePost.latency.p99),
    sessions,
    // The slowest case's p95, like bench:deals-table's filters figure.
    attribution_ms: roundMs(Math.max(...p95s)),
  };
});
