/** Runs once when the server boots: fail fast on bad configuration (C1), then resume background work. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/env");
  getEnv();
  const { startBackgroundJobs } = await import("@/server/jobs/runtime");
  startBackgroundJobs();
}
