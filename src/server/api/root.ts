import "server-only";

import { accountRouter } from "@/server/api/routers/account";
import { analyticsRouter } from "@/server/api/routers/analytics";
import { attributionRouter } from "@/server/api/routers/attribution";
import { callTrackingRouter } from "@/server/api/routers/call-tracking";
import { callsRouter } from "@/server/api/routers/calls";
import { clientsRouter } from "@/server/api/routers/clients";
import { costsRouter } from "@/server/api/routers/costs";
import { dealsRouter } from "@/server/api/routers/deals";
import { invitesRouter } from "@/server/api/routers/invites";
import { klientiksRouter } from "@/server/api/routers/klientiks";
import { leadsRouter } from "@/server/api/routers/leads";
import { membersRouter } from "@/server/api/routers/members";
import { sitesRouter } from "@/server/api/routers/sites";
import { telephonyRouter } from "@/server/api/routers/telephony";
import { workspaceRouter } from "@/server/api/routers/workspace";
import { createCallerFactory, createTrpcRouter } from "@/server/api/trpc";

export const appRouter = createTrpcRouter({
  account: accountRouter,
  workspace: workspaceRouter,
  members: membersRouter,
  invites: invitesRouter,
  deals: dealsRouter,
  klientiks: klientiksRouter,
  sites: sitesRouter,
  leads: leadsRouter,
  telephony: telephonyRouter,
  calls: callsRouter,
  clients: clientsRouter,
  analytics: analyticsRouter,
  attribution: attributionRouter,
  costs: costsRouter,
  callTracking: callTrackingRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
