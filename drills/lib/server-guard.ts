import { log } from "../../bench/lib/stats";
import { answersLivenessProbe, findNextServerPid, residentBytes } from "./server-watch";

type TStartedApp = { url: string; processGroupId: number; stop: () => Promise<void> };

/** How long the liveness probe may take, twice in a row, before the server counts as hung. */
const PROBE_TIMEOUT_MS = 10_000;

/**
 * Keeps a `next start` server under watch for a drill: `check` tells whether it died or stopped
 * answering its liveness probe (twice in a row), counts that as a crash and starts a fresh one
 * with the same options, so the drill goes on. `start` must give every start the same secrets.
 */
export async function guardServer(start: () => Promise<TStartedApp>) {
  let app = await start();
  let pid = findNextServerPid(app.processGroupId);
  let crashes = 0;
  return {
    url: () => app.url,
    /** Resident memory of the serving process now, in bytes (null once it ended). */
    residentBytes: () => residentBytes(pid),
    crashes: () => crashes,
    /** True when the server had crashed (it has been restarted by then). */
    async check(): Promise<boolean> {
      const isAlive = residentBytes(pid) !== null;
      if (
        isAlive &&
        ((await answersLivenessProbe(app.url, PROBE_TIMEOUT_MS)) ||
          (await answersLivenessProbe(app.url, PROBE_TIMEOUT_MS)))
      )
        return false;
      crashes += 1;
      log(
        `the server ${isAlive ? "stopped answering its liveness probe" : "died"} (crash ${crashes}); starting a fresh one`,
      );
      await app.stop();
      app = await start();
      pid = findNextServerPid(app.processGroupId);
      return true;
    },
  };
}

export type TServerGuard = Awaited<ReturnType<typeof guardServer>>;
