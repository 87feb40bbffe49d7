import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

import { run } from "../../scripts/lib/processes.mjs";
import { onCleanup } from "./cleanup";
import { log, sleep } from "./stats";

const BUILD_ID = ".next/BUILD_ID";
const ROUTES_MANIFEST = ".next/app-path-routes-manifest.json";

/** Whether the production build serves `route` (a build older than the route would answer 404). */
function buildHasRoute(route: string): boolean {
  if (!existsSync(ROUTES_MANIFEST)) return false;
  const manifest = JSON.parse(readFileSync(ROUTES_MANIFEST, "utf8")) as Record<string, string>;
  return Object.values(manifest).includes(route);
}

/** The newest modification time under `dir` (source files only), for a staleness warning. */
function newestSourceChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceChange(entryPath));
    else if (/\.(ts|tsx|mjs|js|json)$/.test(entry.name))
      newest = Math.max(newest, statSync(entryPath).mtimeMs);
  }
  return newest;
}

/** `next start` needs a production build: make one only when there is none (or it predates the bare route). */
export async function ensureProductionBuild(requiredRoutes: string[]): Promise<void> {
  if (existsSync(BUILD_ID) && requiredRoutes.every(buildHasRoute)) {
    log(`using the existing production build ${readFileSync(BUILD_ID, "utf8").trim()} (.next/)`);
    if (newestSourceChange("src") > statSync(BUILD_ID).mtimeMs) {
      log(
        "note: src/ changed after that build; the figures are those of the build (run `npm run build` first to measure the working tree)",
      );
    }
    return;
  }
  log(
    existsSync(BUILD_ID)
      ? "the production build lacks a route the bench needs: running `next build`"
      : "no production build (.next/BUILD_ID): running `next build`",
  );
  await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    env: { NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/**
 * `next start` bound to 127.0.0.1, on the given database, with the in-process worker (the inline
 * jobs driver) and the given extra environment; resolves once `/api/health/live` answers. It runs
 * in its own process group (stopped as a whole at cleanup, or earlier by `stop`), whose id is
 * returned for CPU accounting. Its stderr passes through, or goes line by line to `onStderrLine`.
 */
export async function startApp(options: {
  port: number;
  databaseUrl: string;
  env: Record<string, string>;
  /** Node flags for the server, before those of `BENCH_APP_NODE_ARGS`. */
  nodeArgs?: readonly string[];
  onStderrLine?: (line: string) => void;
}): Promise<{ url: string; processGroupId: number; stop: () => Promise<void> }> {
  const url = `http://127.0.0.1:${options.port}`;
  let exitedEarly: string | null = null;
  // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/svyaz-prof" to profile the server.
  const nodeArgs = [
    ...(options.nodeArgs ?? []),
    ...(process.env.BENCH_APP_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
  ];
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      "node_modules/next/dist/bin/next",
      "start",
      "-p",
      String(options.port),
      "-H",
      "127.0.0.1",
    ],
    {
      stdio: ["ignore", "ignore", options.onStderrLine ? "pipe" : "inherit"],
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: options.databaseUrl,
        AUTH_SECRET: randomBytes(24).toString("hex"),
        ENCRYPTION_KEYRING: `bench:${randomBytes(32).toString("base64")}`,
        APP_URL: url,
        NEXTAUTH_URL: url,
        JOBS_DRIVER: "inline",
        LOG_LEVEL: "error",
        NEXT_TELEMETRY_DISABLED: "1",
        ...options.env,
      },
    },
  );
  let isStopping = false;
  child.on("exit", (code, signal) => {
    if (!isStopping) exitedEarly = `next start exited (${code ?? signal})`;
  });
  child.on("error", (error) => {
    exitedEarly = `next start failed: ${error.message}`;
  });
  if (!child.pid) throw new Error("could not start next start");
  const processGroupId = child.pid;
  if (options.onStderrLine && child.stderr)
    createInterface({ input: child.stderr }).on("line", options.onStderrLine);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      isStopping = true;
      child.once("exit", () => resolve());
      try {
        process.kill(-processGroupId, "SIGTERM");
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          process.kill(-processGroupId, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5000).unref();
    });
  onCleanup("stop next start", stop);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exitedEarly) throw new Error(exitedEarly);
    const response = await fetch(`${url}/api/health/live`).catch(() => null);
    if (response?.ok) return { url, processGroupId, stop };
    if (Date.now() > deadline) throw new Error(`${url}/api/health/live did not answer within 90 s`);
    await sleep(250);
  }
}
