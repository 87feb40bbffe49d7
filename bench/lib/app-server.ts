import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { run, startProcess } from "../../scripts/lib/processes.mjs";
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

/** `next start` needs a production build: make one only when there is none (or it predates the bare route). */
export async function ensureProductionBuild(requiredRoutes: string[]): Promise<void> {
  if (existsSync(BUILD_ID) && requiredRoutes.every(buildHasRoute)) {
    log(`using the existing production build ${readFileSync(BUILD_ID, "utf8").trim()} (.next/)`);
    return;
  }
  log(existsSync(BUILD_ID) ? "the production build lacks a route the bench needs: running `next build`" : "no production build (.next/BUILD_ID): running `next build`");
  await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { env: { NEXT_TELEMETRY_DISABLED: "1" } });
}

/**
 * `next start` bound to 127.0.0.1, on the given database, with the in-process worker (the inline
 * jobs driver) and the given extra environment; resolves once `/api/health/live` answers.
 */
export async function startApp(options: { port: number; databaseUrl: string; env: Record<string, string> }): Promise<{ url: string }> {
  const url = `http://127.0.0.1:${options.port}`;
  let exitedEarly: string | null = null;
  // e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/svyaz-prof" to profile the server.
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const app = startProcess("next", process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    quiet: true,
    env: {
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
    onUnexpectedExit: (name, code, signal) => {
      exitedEarly = `${name} exited (${code ?? signal})`;
    },
  });
  onCleanup("stop next start", app.stop);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exitedEarly) throw new Error(exitedEarly);
    const response = await fetch(`${url}/api/health/live`).catch(() => null);
    if (response?.ok) return { url };
    if (Date.now() > deadline) throw new Error(`${url}/api/health/live did not answer within 90 s`);
    await sleep(250);
  }
}
