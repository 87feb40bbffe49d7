/** Runs once when the server boots: fail fast on bad configuration (conventions C1). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/env");
  getEnv();
}
