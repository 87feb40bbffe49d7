import type { TFuzzTarget } from "../target";
import { nextAuth } from "./auth";
import { otherPaths, pagesSignedIn, pagesSignedOut, track, trackerScript } from "./browser";
import { health, inngest } from "./machine";
import { events, exportCalls, exportDeals, exportLeads, recordings } from "./session-routes";
import { signUp, trpcSignedIn, trpcSignedOut } from "./trpc";
import { klientiksWebhook, zadarmaWebhook } from "./webhooks";

/**
 * Every public endpoint (each route under src/app/api, `/t.js`, the pages), in the order they are
 * fuzzed. The owner's own tRPC calls come last: a random input may be a valid mutation that changes
 * the workspace every other target aims at.
 */
export const FUZZ_TARGETS: readonly TFuzzTarget[] = [
  health,
  trackerScript,
  otherPaths,
  pagesSignedOut,
  klientiksWebhook,
  zadarmaWebhook,
  track,
  nextAuth,
  signUp,
  recordings,
  events,
  exportDeals,
  exportLeads,
  exportCalls,
  inngest,
  trpcSignedOut,
  pagesSignedIn,
  trpcSignedIn,
];
