import "server-only";

import { getEnv } from "@/env";
import { getDb } from "@/server/db/client";
import { createInboxProcessors } from "@/server/jobs/inbox-processors";
import { InlineWorker } from "@/server/jobs/inline-worker";
import { getKlientiksDeps } from "@/server/klientiks-deps";
import { logger } from "@/server/logging/logger";
import { getTelephonyDeps } from "@/server/telephony-deps";

const globalForJobs = globalThis as unknown as { svyazInlineWorker?: InlineWorker };

/** The in-process worker of this process, when the inline driver is active (one per process). */
export function getInlineWorker(): InlineWorker | null {
  if (getEnv().jobsDriver !== "inline") return null;
  if (globalForJobs.svyazInlineWorker) return globalForJobs.svyazInlineWorker;
  const db = getDb();
  const deps = { klientiks: getKlientiksDeps(), telephony: getTelephonyDeps() };
  const processors = createInboxProcessors(db, { klientiks: deps.klientiks });
  return (globalForJobs.svyazInlineWorker = new InlineWorker(
    db,
    deps,
    processors,
    logger.child({ component: "inline-worker" }),
  ));
}

/** Called once at boot (instrumentation.ts): resumes pending deliveries left by a previous run. */
export function startBackgroundJobs(): void {
  getInlineWorker()?.start();
}
