import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

import { startApp } from "../../bench/lib/app-server";
import { sleep } from "../../bench/lib/stats";

const HEALTHY_TIMEOUT_MS = 120_000;

/** Resolves once no process of the group is left (signal 0 only asks whether one exists). */
async function waitUntilGone(processGroupId: number): Promise<void> {
  for (;;) {
    try {
      process.kill(-processGroupId, 0);
    } catch {
      return;
    }
    await sleep(20);
  }
}

/**
 * `next start` (bench/lib/app-server.ts) that can be killed and started again on the same port and
 * database, as a crashed server is brought back by its supervisor. The secrets are pinned for its
 * whole life: a restart with another ENCRYPTION_KEYRING could not read the stored credentials, and
 * with another AUTH_SECRET every session would end.
 */
export async function startRestartableApp(options: {
  port: number;
  databaseUrl: string;
  env: Record<string, string>;
}) {
  const env = {
    AUTH_SECRET: randomBytes(24).toString("hex"),
    ENCRYPTION_KEYRING: `drill:${randomBytes(32).toString("base64")}`,
    ...options.env,
  };
  let current = await startApp({ ...options, env });

  /** Polls `/api/health` (a database round trip) until it answers 200. */
  const waitUntilHealthy = async () => {
    const deadline = Date.now() + HEALTHY_TIMEOUT_MS;
    for (;;) {
      const response = await fetch(`${current.url}/api/health`).catch(() => null);
      await response?.arrayBuffer();
      if (response?.ok) return;
      if (Date.now() > deadline)
        throw new Error(`${current.url}/api/health did not answer 200 within 120 s`);
      await sleep(100);
    }
  };

  return {
    url: current.url,
    processGroupId: () => current.processGroupId,
    /**
     * SIGKILL to the server's whole process group, as an out-of-memory killer or a pulled plug
     * would end it (no shutdown hook runs), then the same command again. Resolves with the seconds
     * from the kill to the first healthy answer of the new process.
     */
    killAndRestart: async (): Promise<number> => {
      const killedAt = performance.now();
      process.kill(-current.processGroupId, "SIGKILL");
      await waitUntilGone(current.processGroupId);
      current = await startApp({ ...options, env });
      await waitUntilHealthy();
      return (performance.now() - killedAt) / 1000;
    },
  };
}
