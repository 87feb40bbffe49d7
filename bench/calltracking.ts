/**
 * `npm run bench:calltracking`: call tracking (docs/call-tracking.md). (1) `POST /api/track/number`
 * under load, next to the bare probe's POST sent the same requests; (2) the crediting of incoming
 * calls to the visits that held the dialled pool numbers, with 1,000,000 stored sessions and
 * 100,000 leases; (3) a week of visits on a small pool in virtual time, with concurrent requests,
 * for double leases and the pool's coverage.
 * Prints progress lines, then ONE JSON line:
 *   {"lease_rps", "lease_p99_ms", "bare_post_rps", "bare_post_p99_ms", "sessions", "leases",
 *    "call_attribution_ms", "visits", "pool", "double_leases", "coverage"}
 * Targets: lease_rps ≥ 0.7 × bare_post_rps, lease_p99_ms ≤ 2 × bare_post_p99_ms,
 * call_attribution_ms (p95) ≤ 20, double_leases = 0. Everything runs on 127.0.0.1; see bench/README.md.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

import { creditCall } from "@/server/domain/call-tracking/credit-call";
import { leaseTrackingNumber } from "@/server/domain/call-tracking/lease-number";

import { signUpWorkspaceOwner } from "./lib/app-client";
import { startAppOnBenchDatabase } from "./lib/bench-app";
import { countDoubleLeases, insertBenchLeases, setUpCallTracking } from "./lib/calltracking-data";
import { runBench } from "./lib/cleanup";
import { createBenchPrisma } from "./lib/database";
import { generateWeekOfVisits, replayVisits } from "./lib/lease-simulation";
import {
  countTwoXx,
  describeStatuses,
  logRatios,
  measureAgainstBareRoute,
  postEach,
} from "./lib/load";
import { createNumberRequestGenerator } from "./lib/number-requests";
import { log, percentile, roundMs, seededRandom } from "./lib/stats";
import { insertBenchSessions } from "./lib/tracker-data";

/** As bench:track: 20 s runs, so the first requests of the 50 fresh connections do not decide p99. */
const LOAD_SECONDS = Number(process.env.BENCH_CALLTRACKING_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_CALLTRACKING_WARMUP_SECONDS ?? 10);
/** Enough that nearly every request of the load run leases or renews a pool number. */
const LOAD_POOL = Number(process.env.BENCH_CALLTRACKING_POOL ?? 10_000);
const SESSIONS = Number(process.env.BENCH_CALLTRACKING_SESSIONS ?? 1_000_000);
const LEASES = Number(process.env.BENCH_CALLTRACKING_LEASES ?? 100_000);
const CALLS = 300;
const WARMUP_CALLS = 20;
const SIMULATED_VISITS = Number(process.env.BENCH_CALLTRACKING_VISITS ?? 50_000);
const SIMULATED_POOL = 60;
/** The minimum hold time: numbers come back soonest, so the pool turns over fastest. */
const SIMULATED_HOLD_MINUTES = 5;
const SIMULATION_MAX_SECONDS = 10 * 60;
/** The simulation's connections: as many requests of one virtual second as this run at once. */
const SIMULATION_CONNECTIONS = 8;
const CHUNK = 100_000;
const HOLD_MINUTES = 15;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const SITE_DOMAIN = "salon-bench.ru";
const SECOND_SITE_DOMAIN = "promo.salon-bench.online";
const SIMULATED_SITE_DOMAIN = "week.salon-bench.ru";

type TSiteView = { id: string; publicKey: string; domain: string };

await runBench(async () => {
  if (!Number.isInteger(SESSIONS) || SESSIONS < 10_000)
    throw new Error("BENCH_CALLTRACKING_SESSIONS must be an integer ≥ 10000");
  if (!Number.isInteger(LEASES) || LEASES < 1_000 || LEASES > SESSIONS / 2)
    throw new Error("BENCH_CALLTRACKING_LEASES must be an integer from 1000 to half the sessions");
  const { database, sql, app } = await startAppOnBenchDatabase([
    "/api/health/live",
    "/api/track/number",
  ]);

  // A workspace with three sites through the app's own API, as its owner would set it up: the one
  // under load, a second one the generated sessions share, and the simulated week's.
  const { api, workspace } = await signUpWorkspaceOwner(app.url, "Bench Salon");
  const tenant = { tenantSlug: workspace.slug };
  const createSite = (domain: string, name: string) =>
    api.mutation<TSiteView>("sites.create", { ...tenant, input: { domain, name } });
  const site = await createSite(SITE_DOMAIN, "Салон");
  const secondSite = await createSite(SECOND_SITE_DOMAIN, "Промо-лендинг");
  const simulatedSite = await createSite(SIMULATED_SITE_DOMAIN, "Неделя");
  const tenantId = workspace.id;
  // The preset sources phase 2's generated sessions refer to (created on a workspace's first list).
  await api.query("sites.sources", tenant);
  // Numbers are bought at the provider and typed into Settings → Коллтрекинг; here by SQL.
  const { fallbackPhone } = await setUpCallTracking(sql, {
    tenantId,
    siteId: site.id,
    poolSize: LOAD_POOL,
    prefix: "4957",
    holdMinutes: HOLD_MINUTES,
  });
  log(
    `workspace ${workspace.slug} with sites ${site.domain} (${LOAD_POOL} pool numbers, a fallback, hold ${HOLD_MINUTES} min), ` +
      `${secondSite.domain} and ${simulatedSite.domain}`,
  );

  // One request by hand, as the browser sends it: the site key, origin and user agent pass, and a
  // pool number is answered.
  const sanityRequest = createNumberRequestGenerator({
    siteKey: site.publicKey,
    siteDomain: SITE_DOMAIN,
    runId: "sanity00",
  })();
  const sanity = await fetch(`${app.url}/api/track/number`, {
    method: "POST",
    headers: sanityRequest.headers,
    body: sanityRequest.body,
  });
  const sanityBody = await sanity.text();
  if (sanity.status !== 200)
    throw new Error(`a number request answered ${sanity.status}: ${sanityBody}`);
  const sanityNumber = (JSON.parse(sanityBody) as { number?: string }).number ?? "";
  if (!sanityNumber.startsWith("+74957") || sanityNumber === fallbackPhone)
    throw new Error(`a number request did not answer a pool number: ${sanityBody}`);
  const bareCheck = await fetch(`${app.url}/api/health/live`, { method: "POST", body: "{}" });
  if (bareCheck.status !== 200)
    throw new Error(`POST /api/health/live answered ${bareCheck.status}`);

  // Phase 1: the number route against the bare POST. Every visit asks first, then renews.
  const nextRequest = createNumberRequestGenerator({
    siteKey: site.publicKey,
    siteDomain: SITE_DOMAIN,
    runId: randomBytes(4).toString("hex"),
  });
  const answers = { pool: 0, fallback: 0, other: 0 };
  const countAnswer = (status: number, body: string) => {
    if (status !== 200) return;
    if (body.includes(fallbackPhone)) answers.fallback += 1;
    else if (body.includes('"+74957')) answers.pool += 1;
    else answers.other += 1;
  };
  const leaseLoad = postEach(app.url, "/api/track/number", nextRequest, countAnswer);
  // The same-shape baseline: the probe's POST, which reads the body and drops it, sent requests of
  // the same kind, size and headers (a generator of its own, so the route's visits stay whole).
  const nextBareRequest = createNumberRequestGenerator({
    siteKey: site.publicKey,
    siteDomain: SITE_DOMAIN,
    runId: randomBytes(4).toString("hex"),
  });
  const barePostLoad = postEach(app.url, "/api/health/live", nextBareRequest);
  const leaseCounts = async () => {
    const { rows } = await sql.query<{ pool: string; fallback: string }>(
      `SELECT count(*) FILTER (WHERE NOT "isFallback") AS pool, count(*) FILTER (WHERE "isFallback") AS fallback
       FROM "NumberLease" WHERE "siteId" = $1`,
      [site.id],
    );
    return { pool: Number(rows[0]?.pool ?? 0), fallback: Number(rows[0]?.fallback ?? 0) };
  };
  let atRouteStart = { pool: 0, fallback: 0 };
  const phase1Started = performance.now();
  const runs = await measureAgainstBareRoute({
    app,
    warmupSeconds: WARMUP_SECONDS,
    loadSeconds: LOAD_SECONDS,
    // The route is compared with the same-shape POST only: a GET pays nothing for a body.
    bare: { sends: "the same kind of requests to POST /api/health/live", load: barePostLoad },
    route: {
      name: "number route",
      sends:
        "POST /api/track/number (250 visits under way, 10 requests each: the first page's, then 9 heartbeat renewals; " +
        "one visit in four a returning visitor; a browser user agent, the site's origin, one X-Forwarded-For per visitor)",
      load: leaseLoad,
    },
    afterWarmUp: async () => {
      log(
        `warm-up answers: ${answers.pool} pool numbers, ${answers.fallback} fallback, ${answers.other} other`,
      );
      answers.pool = 0;
      answers.fallback = 0;
      answers.other = 0;
      atRouteStart = await leaseCounts();
    },
    afterRoute: async ({ result }) => {
      const statuses = describeStatuses(result);
      const atEnd = await leaseCounts();
      const answered = answers.pool + answers.fallback + answers.other;
      log(
        `number run answers ${statuses}: ${answers.pool} pool numbers (${((100 * answers.pool) / Math.max(answered, 1)).toFixed(1)} %), ` +
          `${answers.fallback} fallback, ${answers.other} other; leases started during the run: ${atEnd.pool - atRouteStart.pool} of pool numbers ` +
          `(new visits and returning visitors' takeovers; the rest renewed), ${atEnd.fallback - atRouteStart.fallback} fallback grants`,
      );
    },
  });
  const route = runs.route.result;
  // Answered numbers only (200, or 204): a request refused (429) or failed (503) is not throughput.
  const leaseRps = countTwoXx(route) / Math.max(route.duration, 1);
  const barePost = runs.bare.result;
  log(
    `number route: ${Math.round(leaseRps)} answered requests/s of ${Math.round(route.requests.average)} answers/s; ${nextRequest.visitsBegun()} visits begun`,
  );
  logRatios("number", runs, {
    routeRps: leaseRps,
    extra: " — against the bare POST of the same requests",
  });
  const routeDoubleLeases = await countDoubleLeases(sql, site.id);
  log(
    `double leases on the loaded site: ${routeDoubleLeases}; phase 1 took ${((performance.now() - phase1Started) / 1000).toFixed(0)} s`,
  );
  await app.stop();

  // Phase 2: a year of sessions (as bench:track), the latest LEASES of the site's holding pool
  // numbers in turn, then incoming calls credited as `applyCallEvents` credits them.
  const phase2Started = performance.now();
  const sessionsEnd = new Date(Date.now() - 6 * HOUR_MS);
  for (let first = 1; first <= SESSIONS; first += CHUNK) {
    const last = Math.min(SESSIONS, first + CHUNK - 1);
    await insertBenchSessions(sql, {
      tenantId,
      siteId: site.id,
      secondSiteId: secondSite.id,
      first,
      last,
      endsAt: sessionsEnd,
    });
    log(
      `inserted ${last} / ${SESSIONS} sessions with their widget opens and contacts (${((performance.now() - phase2Started) / 1000).toFixed(1)} s)`,
    );
  }
  await insertBenchLeases(sql, {
    tenantId,
    siteId: site.id,
    count: LEASES,
    holdMinutes: HOLD_MINUTES,
  });
  const connectionId = "con_bench_zadarma";
  await sql.query(
    `INSERT INTO "Connection" ("id", "tenantId", "kind", "name", "credentials", "credentialsHint", "externalAccount", "status", "updatedAt")
     VALUES ($1, $2, 'zadarma', 'Zadarma', 'v1.bench.not-a-real-envelope', 'ab12', 'bench', 'active', now())`,
    [connectionId, tenantId],
  );
  // What autovacuum would have done by the time the tables are this size.
  for (const table of ["TrackerSession", "NumberLease", "TrackingNumber", "Call"])
    await sql.query(`VACUUM (ANALYZE) "${table}"`);
  const {
    rows: [stored],
  } = await sql.query<{ sessions: string; leases: string; first: Date; last: Date }>(
    `SELECT (SELECT count(*) FROM "TrackerSession" WHERE "tenantId" = $1) AS sessions,
            (SELECT count(*) FROM "NumberLease" WHERE "tenantId" = $1) AS leases,
            (SELECT min("startedAt") FROM "NumberLease" WHERE "id" LIKE 'nls_bench_%') AS first,
            (SELECT max("endsAt") FROM "NumberLease" WHERE "id" LIKE 'nls_bench_%') AS last`,
    [tenantId],
  );
  if (!stored) throw new Error("no counts");
  const sessions = Number(stored.sessions);
  const leases = Number(stored.leases);
  log(
    `${sessions} sessions, ${leases} leases (${LEASES} generated, from ${stored.first.toISOString()} to ${stored.last.toISOString()}); vacuumed and analyzed ` +
      `(${((performance.now() - phase2Started) / 1000).toFixed(1)} s)`,
  );

  // The calls: half at an instant inside a generated lease, half at a random instant of the
  // leases' span on a random pool number (mostly between two leases of it).
  const random = seededRandom(42);
  const pickedLeases = Array.from(
    { length: (WARMUP_CALLS + CALLS) / 2 },
    () => `nls_bench_${1 + Math.floor(random() * LEASES)}`,
  );
  const { rows: leaseRows } = await sql.query<{
    id: string;
    phone: string;
    startedAt: Date;
    endsAt: Date;
  }>(
    `SELECT l."id", n."phone", l."startedAt", l."endsAt" FROM "NumberLease" AS l JOIN "TrackingNumber" AS n ON n."id" = l."numberId"
     WHERE l."id" = ANY($1::text[])`,
    [pickedLeases],
  );
  const leaseById = new Map(leaseRows.map((row) => [row.id, row]));
  const span = { from: stored.first.getTime(), to: stored.last.getTime() };
  const calls = Array.from({ length: WARMUP_CALLS + CALLS }, (_, index) => {
    if (index % 2 === 0) {
      const lease = leaseById.get(pickedLeases[index / 2] ?? "");
      if (!lease) throw new Error(`lease ${pickedLeases[index / 2]} not found`);
      const length = lease.endsAt.getTime() - lease.startedAt.getTime();
      return {
        phone: lease.phone,
        startedAt: new Date(lease.startedAt.getTime() + Math.floor(random() * length)),
      };
    }
    const number = 1 + Math.floor(random() * LOAD_POOL);
    return {
      phone: `+74957${String(number).padStart(6, "0")}`,
      startedAt: new Date(span.from + Math.floor(random() * (span.to - span.from))),
    };
  });

  /** Who held the number at the instant, read plainly: the lease containing it, its session. */
  const expectedCredit = async (phone: string, at: Date) => {
    const { rows: held } = await sql.query<{ numberId: string; sessionKey: string }>(
      `SELECT n."id" AS "numberId", l."sessionKey" FROM "TrackingNumber" AS n
       LEFT JOIN "NumberLease" AS l ON l."numberId" = n."id" AND NOT l."isFallback" AND l."startedAt" <= $3 AND l."endsAt" > $3
       WHERE n."tenantId" = $1 AND n."phone" = $2`,
      [tenantId, phone, at],
    );
    const [row] = held;
    if (!row) throw new Error(`${phone} is not a tracking number`);
    if (held.length > 1) throw new Error(`${phone} was leased twice at ${at.toISOString()}`);
    const { numberId, sessionKey } = row;
    if (!sessionKey) return { rule: "unidentified", numberId, sessionId: null };
    const { rows: keyed } = await sql.query<{ id: string; startedAt: Date }>(
      `SELECT "id", "startedAt" FROM "TrackerSession" WHERE "tenantId" = $1 AND "siteId" = $2 AND "sessionKey" = $3`,
      [tenantId, site.id, sessionKey],
    );
    // The session of that key started last before the call, else the latest one.
    const byStart = keyed.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
    const session = byStart.find((row) => row.startedAt <= at) ?? byStart[0];
    if (!session) throw new Error(`no session ${sessionKey}`);
    return { rule: "dynamic_number", numberId, sessionId: session.id };
  };

  // The app's pool size; one connection on the embedded database.
  const db = createBenchPrisma(database);
  log(
    `phase 2: ${WARMUP_CALLS} warm-up calls, then ${CALLS} timed, each inserted by SQL then credited by creditCall`,
  );
  const samples: number[] = [];
  const rules = { dynamic_number: 0, unidentified: 0 };
  for (const [index, call] of calls.entries()) {
    const id = `call_bench_${index}`;
    await sql.query(
      `INSERT INTO "Call" ("id", "tenantId", "connectionId", "providerCallId", "direction", "state", "clientPhone", "companyNumber",
         "startedAt", "answeredAt", "endedAt", "waitSeconds", "talkSeconds", "disposition", "rawDisposition", "updatedAt")
       VALUES ($1, $2, $3, $4, 'incoming', 'ended', $5, $6, $7, $7::timestamptz + interval '8 seconds',
         $7::timestamptz + interval '3 minutes', 8, 172, 'answered', 'answered', now())`,
      [
        id,
        tenantId,
        connectionId,
        `pbx-bench-${index}`,
        `+7999${String(index).padStart(7, "0")}`,
        call.phone,
        call.startedAt,
      ],
    );
    const started = performance.now();
    await creditCall(db, {
      id,
      tenantId,
      direction: "incoming",
      companyNumber: call.phone,
      startedAt: call.startedAt,
    });
    const elapsed = performance.now() - started;
    if (index >= WARMUP_CALLS) samples.push(elapsed);
    const expected = await expectedCredit(call.phone, call.startedAt);
    const {
      rows: [credited],
    } = await sql.query<{
      trackingRule: string | null;
      trackingNumberId: string | null;
      sessionId: string | null;
      siteId: string | null;
    }>(
      `SELECT "trackingRule", "trackingNumberId", "sessionId", "siteId" FROM "Call" WHERE "id" = $1`,
      [id],
    );
    if (
      credited?.trackingRule !== expected.rule ||
      credited.trackingNumberId !== expected.numberId ||
      credited.sessionId !== expected.sessionId ||
      credited.siteId !== site.id
    )
      throw new Error(
        `call ${id} to ${call.phone} at ${call.startedAt.toISOString()}: credited ${JSON.stringify(credited)}, expected ${JSON.stringify(expected)}`,
      );
    rules[expected.rule as keyof typeof rules] += 1;
  }
  const callAttributionMs = percentile(samples, 95);
  log(
    `crediting: ${rules.dynamic_number} calls to the visit holding the number, ${rules.unidentified} unidentified (nobody held it), all as expected; ` +
      `p50 ${roundMs(percentile(samples, 50))} ms, p95 ${roundMs(callAttributionMs)} ms, max ${roundMs(Math.max(...samples))} ms (target p95 ≤ 20 ms); ` +
      `phase 2 took ${((performance.now() - phase2Started) / 1000).toFixed(0)} s`,
  );

  // Phase 3: a week of visits on a pool of 60 in virtual time, requests of one virtual second at once.
  const phase3Started = performance.now();
  await setUpCallTracking(sql, {
    tenantId,
    siteId: simulatedSite.id,
    poolSize: SIMULATED_POOL,
    prefix: "4958",
    holdMinutes: SIMULATED_HOLD_MINUTES,
  });
  // Without waiting for each commit's WAL flush: the batches run one after the other and most hold
  // one request, so at a few ms of fsync per commit the week would take half an hour. Locks and
  // visibility are the same, so exclusivity is tested as it is; only durability differs.
  const simulationDb = createBenchPrisma(database, {
    max: SIMULATION_CONNECTIONS,
    options: "-c synchronous_commit=off",
    name: "the simulation's Prisma",
  });
  const visits = generateWeekOfVisits(SIMULATED_VISITS);
  // Later than the numbers' creation: a new number is free from the moment it was added.
  const weekStart = new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS + HOUR_MS);
  const visitorToken = (n: number) => `simvisitor${String(n).padStart(8, "0")}`;
  const sessionToken = (n: number) => `simsession${String(n).padStart(8, "0")}`;
  log(
    `phase 3: ${visits.length} visits over a virtual week from ${weekStart.toISOString()} on ${SIMULATED_POOL} pool numbers (hold ${SIMULATED_HOLD_MINUTES} min), ` +
      `${SIMULATION_CONNECTIONS} connections (synchronous_commit off), bounded at ${SIMULATION_MAX_SECONDS} s`,
  );
  const simulation = await replayVisits({
    visits,
    start: weekStart,
    maxSeconds: SIMULATION_MAX_SECONDS,
    lease: ({ visitor, session, at }) =>
      leaseTrackingNumber(simulationDb, {
        tenantId,
        siteId: simulatedSite.id,
        visitorId: visitorToken(visitor),
        sessionKey: sessionToken(session),
        holdMinutes: SIMULATED_HOLD_MINUTES,
        at,
      }),
  });
  const simulatedDoubleLeases = await countDoubleLeases(sql, simulatedSite.id);
  const coverage = simulation.firstAnsweredFromPool / Math.max(simulation.visitsAsked, 1);
  log(
    `simulation ${simulation.isComplete ? "complete" : `STOPPED at the ${SIMULATION_MAX_SECONDS} s bound`}: ${simulation.requests} requests in ${simulation.seconds.toFixed(0)} s ` +
      `(${Math.round(simulation.requests / Math.max(simulation.seconds, 0.001))}/s; up to ${simulation.largestBatch} in one virtual second), ` +
      `answers ${simulation.answers.pool} pool, ${simulation.answers.fallback} fallback, ${simulation.answers.none} none; ` +
      `${simulation.firstAnsweredFromPool} of ${simulation.visitsAsked} visits got a pool number first (coverage ${(100 * coverage).toFixed(2)} %)`,
  );
  log(
    `double leases: ${simulatedDoubleLeases} in the simulation, ${routeDoubleLeases} on the loaded site (target 0); ` +
      `phase 3 took ${((performance.now() - phase3Started) / 1000).toFixed(0)} s`,
  );
  if (database.kind === "embedded") log("embedded database: the targets apply to PostgreSQL");

  return {
    lease_rps: Math.round(leaseRps),
    lease_p99_ms: roundMs(route.latency.p99),
    bare_post_rps: Math.round(barePost.requests.average),
    bare_post_p99_ms: roundMs(barePost.latency.p99),
    sessions,
    leases,
    call_attribution_ms: roundMs(callAttributionMs),
    visits: simulation.visitsAsked,
    pool: SIMULATED_POOL,
    double_leases: simulatedDoubleLeases + routeDoubleLeases,
    coverage: Math.round(coverage * 10_000) / 10_000,
  };
});
