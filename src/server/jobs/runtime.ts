import "server-only";
import { getEnv } from "@/env";
import { getDb } from "@/server/db/client";
import { InlineWorker } from "@/server/jobs/inline-worker";
import { getKlientiksDeps } from "@/server/klientiks-deps";
import { logger } from "@/server/logging/logger";

const globalForJobs = globalThis as unknown as { svyazInlineWorker?: InlineWorker };

/** The in-process worker of this process, when the inline driver is active (one per process). */
export function getInlineWorker(): InlineWorker | null {
  if (getEnv().jobsDriver !== "inline") return null;
  return (globalForJobs.svyazInlineWorker ??= new InlineWorker(getDb(), getKlientiksDeps(), logger.child({ component: "inline-worker" })));
}

/** Called once at boot (instrumentation.ts): resumes pending deliveries left by a previous run. */
export function startBackgroundJobs(): void {
  getInlineWorker()?.start();
}
