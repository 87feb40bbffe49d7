/**
 * `npm run drill:fuzz`: generated hostile requests against every public endpoint of a production
 * build (`next start`), on its own throwaway database (docs/drills.md). Prints progress lines, then
 * ONE JSON line:
 *   {"requests", "status_5xx", "crashes", "rss_growth_mb", "stored_from_rejected"}
 * Targets: status_5xx 0, crashes 0, rss_growth_mb ≤ 50, stored_from_rejected 0. When one is
 * missed it lists the failing requests on stderr and exits 1.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";

import fc from "fast-check";
import pg from "pg";

import { ensureProductionBuild, startApp } from "../bench/lib/app-server";
import { onCleanup, runBench } from "../bench/lib/cleanup";
import { createBenchDatabase } from "../bench/lib/database";
import { log, setLogTag, sleep } from "../bench/lib/stats";
import { findFreePort } from "../scripts/lib/processes.mjs";
import { confirmRejectedWrites, findRejectedWrites } from "./fuzz/rejected-writes";
import { runRequests, type TCrash, type TSentRequest } from "./fuzz/run-requests";
import { describeRequest } from "./fuzz/send";
import { setUpFuzzContext, startEmulator } from "./fuzz/setup";
import type { TFuzzContext, TFuzzTarget } from "./fuzz/target";
import { FUZZ_TARGETS } from "./fuzz/targets";
import { listAppTables, waitForQuietDatabase } from "./lib/database-writes";
import { createLineLog } from "./lib/line-log";
import { guardServer } from "./lib/server-guard";
import { collectServerGarbage, inspectorFlag, serverMemoryUsage } from "./lib/server-heap";

const REQUESTS_PER_TARGET = Number(process.env.DRILL_FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.DRILL_FUZZ_SEED ?? randomInt(2 ** 31));
const ONLY_TARGETS = process.env.DRILL_FUZZ_TARGETS?.split(",").map((name) => name.trim());
/**
 * The first twentieth of every target runs before the memory baseline: each route's code is loaded
 * and each kind of body has been through the server once, so the growth measured after is what the
 * rest of the requests left behind.
 */
const WARMUP_SHARE = 0.05;
/**
 * The target for the full drill. The short one in `npm test` passes a looser bound: 200 requests
 * per endpoint measure mostly the heap's high-water mark after the 10 MB bodies, not a leak, but a
 * leak that keeps bodies would still cross it (docs/drills.md).
 */
const MAX_RSS_GROWTH_MB = Number(process.env.DRILL_FUZZ_MAX_RSS_GROWTH_MB ?? 50);
/**
 * The server's heap limit, as a deployment sets one to fit its memory. Without it Node sizes the
 * heap from the machine (4 GB on a 24 GB one) and V8 lets it grow long before it collects. A leak
 * still shows: it fills the limit and the server dies, which the drill counts as a crash. Both RSS
 * readings also follow a full collection (`collectServerGarbage`), so they count what is still
 * held, not garbage.
 */
const SERVER_HEAP_MB = Number(process.env.DRILL_FUZZ_HEAP_MB ?? 256);
/**
 * glibc's allocator, for the server: chunks from 32 KB up come from the kernel and go back to it
 * when freed. By default its threshold rises to the largest chunk freed (up to 32 MB), after which
 * the 64 KB buffers a large upload arrives in come from its heap, and freed ones in the middle of
 * that heap stay resident for good: after 2,000 next-auth requests the heap and buffers were back
 * to where they started and RSS still 75 MB higher; with this setting, 10 MB (docs/drills.md).
 */
const ALLOCATOR_ENV = { MALLOC_MMAP_THRESHOLD_: "32768" };
const BUFFER_RELEASE_MS = 15_000;
/** Failures are grouped by target and reason; one example of each group is shown. */
const SHOWN_GROUPS = 40;
const KEPT_SERVER_LINES = 2_000;
const MB = 1024 * 1024;

type TFailure = { sent: TSentRequest; why: string };

/** Each target's own seed, so leaving targets out (DRILL_FUZZ_TARGETS) changes no other's requests. */
const seedOf = (target: TFuzzTarget) =>
  createHash("sha256").update(`${SEED}:${target.name}`).digest().readUInt32BE(0) & 0x7fffffff;

const requestsOf = (target: TFuzzTarget, context: TFuzzContext, from: number, to: number) =>
  fc.sample(target.requests(context), { seed: seedOf(target), numRuns: to }).slice(from);

/** Groups failures by target and the start of their reason, and shows one example of each on stderr. */
function reportFailures(failures: readonly TFailure[]) {
  const groups = new Map<string, TFailure[]>();
  for (const failure of failures) {
    const key = `${failure.sent.target} ${failure.why.slice(0, 50)}`;
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  console.error(
    `[drill] ${failures.length} failing requests in ${groups.size} groups (an example of each):`,
  );
  for (const group of [...groups.values()].slice(0, SHOWN_GROUPS)) {
    const [example] = group as [TFailure];
    console.error(
      `  ${example.sent.target} #${example.sent.index} (${group.length} like it): ${describeRequest(example.sent.request)}\n    → ${example.why}`,
    );
    for (const line of example.sent.serverLines.slice(0, 6))
      console.error(`    server: ${line.slice(0, 300)}`);
  }
  const targets = [...new Set(failures.map((failure) => failure.sent.target))];
  console.error(
    `[drill] to send them again: DRILL_FUZZ_SEED=${SEED} DRILL_FUZZ_REQUESTS=${REQUESTS_PER_TARGET} DRILL_FUZZ_TARGETS=${targets.join(",")} npm run drill:fuzz`,
  );
}

setLogTag("drill");

await runBench(
  async () => {
    if (!Number.isInteger(REQUESTS_PER_TARGET) || REQUESTS_PER_TARGET < 20)
      throw new Error("DRILL_FUZZ_REQUESTS must be a whole number ≥ 20");
    const targets = FUZZ_TARGETS.filter(
      (target) => !ONLY_TARGETS || ONLY_TARGETS.includes(target.name),
    );
    log(
      `seed ${SEED}: DRILL_FUZZ_SEED=${SEED} sends the same requests again; ${REQUESTS_PER_TARGET} per target, ${targets.length} targets`,
    );
    await ensureProductionBuild(["/api/health/live", "/api/trpc/[trpc]", "/api/w/[slug]/events"]);
    const database = await createBenchDatabase("drill");
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    onCleanup("close the SQL connection", () => sql.end());

    const [klientiks, zadarma] = await Promise.all([
      startEmulator("klientiks"),
      startEmulator("zadarma"),
    ]);
    const port = await findFreePort();
    const inspectorPort = await findFreePort();
    // Fixed for the run, so a server started again after a crash reads the same sessions and secrets.
    const secrets = {
      AUTH_SECRET: randomBytes(24).toString("hex"),
      ENCRYPTION_KEYRING: `drill:${randomBytes(32).toString("base64")}`,
    };
    const serverLog = createLineLog(KEPT_SERVER_LINES);
    const server = await guardServer(() =>
      startApp({
        port,
        databaseUrl: database.url,
        nodeArgs: [`--max-old-space-size=${SERVER_HEAP_MB}`, inspectorFlag(inspectorPort)],
        env: {
          ...secrets,
          ...ALLOCATOR_ENV,
          KLIENTIKS_BASE_URL: klientiks,
          ZADARMA_BASE_URL: zadarma,
          KLIENTIKS_THROTTLE_PER_SECOND: "100000",
          KLIENTIKS_THROTTLE_BURST: "64",
          LOG_LEVEL: "warn",
          ...(database.kind === "embedded" ? { DATABASE_POOL_MAX: "1" } : {}),
        },
        onStderrLine: serverLog.add,
      }),
    );
    log(
      `next start on ${server.url()}, emulators ${klientiks} (Klientiks) and ${zadarma} (Zadarma)`,
    );
    const setupStarted = Date.now();
    const context = await setUpFuzzContext(server.url(), { klientiks, zadarma }, sql);
    log(`set up in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);
    const tables = await listAppTables(sql);

    let requests = 0;
    let status5xx = 0;
    let storedFromRejected = 0;
    const failures: TFailure[] = [];
    const crashes: TCrash[] = [];

    const runTarget = async (target: TFuzzTarget, from: number, to: number) => {
      const started = Date.now();
      const run = await runRequests({
        target,
        requests: requestsOf(target, context, from, to),
        firstIndex: from,
        server,
        serverLog,
        sql,
      });
      requests += run.sent.length;
      crashes.push(...run.crashes);
      const statuses = new Map<string, number>();
      for (const sent of run.sent) {
        const status = sent.answer.status === null ? "none" : String(sent.answer.status);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (sent.answer.status === null || sent.answer.status >= 500) {
          status5xx += 1;
          failures.push({
            sent,
            why:
              sent.answer.status === null
                ? `no answer: ${sent.answer.error}`
                : `status ${sent.answer.status}: ${sent.answer.bodyStart.slice(0, 200)}`,
          });
        }
      }
      const { suspects, keptRecords } = await findRejectedWrites(sql, tables, {
        ...run,
        records: target.rejectionRecords,
      });
      const { confirmed, unreplayed } = await confirmRejectedWrites(
        server.url(),
        sql,
        tables,
        suspects,
        target.rejectionRecords,
      );
      for (const suspect of confirmed) {
        const rows = [...suspect.rowsByTable.values()].reduce((sum, count) => sum + count, 0);
        storedFromRejected += rows;
        failures.push({
          sent: suspect.sent,
          why: `refused with ${suspect.sent.answer.status} yet wrote ${[...suspect.rowsByTable].map(([table, count]) => `${count} ${table}`).join(", ")} (again on each replay)`,
        });
      }
      log(
        `${target.name} #${from}–${to - 1}: ${((Date.now() - started) / 1000).toFixed(1)} s, server RSS ${((server.residentBytes() ?? 0) / MB).toFixed(0)} MB, answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}` +
          (keptRecords.size > 0
            ? `, refusals kept on purpose ${JSON.stringify(Object.fromEntries(keptRecords))}`
            : "") +
          (suspects.length > 0
            ? `, ${suspects.length} refused requests with writes in their window, ${confirmed.length} confirmed on replay`
            : "") +
          (unreplayed > 0 ? `, ${unreplayed} not replayed` : ""),
      );
      if (unreplayed > 0)
        throw new Error(`${target.name}: too many refused requests wrote rows to replay them all`);
    };

    const warmupCount = Math.max(1, Math.ceil(REQUESTS_PER_TARGET * WARMUP_SHARE));
    for (const target of targets) await runTarget(target, 0, warmupCount);
    const settledResidentBytes = async () => {
      await waitForQuietDatabase(sql, { timeoutMs: 5_000 });
      // Buffers of the last requests are still held for a few seconds after their answers.
      await collectServerGarbage(inspectorPort);
      await sleep(BUFFER_RELEASE_MS);
      await collectServerGarbage(inspectorPort);
      await sleep(1_000);
      log(`after a full collection: ${JSON.stringify(await serverMemoryUsage(inspectorPort))} MB`);
      return server.residentBytes() ?? 0;
    };
    const crashesBeforeBaseline = server.crashes();
    const rssBefore = await settledResidentBytes();
    log(`warm-up done: server RSS ${(rssBefore / MB).toFixed(1)} MB`);
    for (const target of targets) await runTarget(target, warmupCount, REQUESTS_PER_TARGET);
    const rssAfter = await settledResidentBytes();
    log(`server RSS ${(rssAfter / MB).toFixed(1)} MB after the fuzz`);

    for (const crash of crashes)
      failures.push({
        sent: crash.after,
        why: `the server crashed during #${crash.sinceIndex}–${crash.after.index} of ${crash.after.target} (this is the last)`,
      });
    if (failures.length > 0) reportFailures(failures);
    if (database.kind === "embedded") log("embedded database (the targets are the same)");
    const isRestartedSinceBaseline = server.crashes() > crashesBeforeBaseline;
    return {
      requests,
      status_5xx: status5xx,
      crashes: server.crashes(),
      rss_growth_mb: isRestartedSinceBaseline
        ? null
        : Math.round(((rssAfter - rssBefore) / MB) * 10) / 10,
      stored_from_rejected: storedFromRejected,
    };
  },
  {
    isPassing: (result) =>
      result.status_5xx === 0 &&
      result.crashes === 0 &&
      typeof result.rss_growth_mb === "number" &&
      result.rss_growth_mb <= MAX_RSS_GROWTH_MB &&
      result.stored_from_rejected === 0,
  },
);
