import { z } from "zod";

import { TRAFFIC_FIELDS } from "@/server/api/routers/traffic-fields";
import { createTrpcRouter, tenantProcedure } from "@/server/api/trpc";
import {
  CALL_DIRECTIONS,
  CALL_STATUSES,
  ZCallListRequestSchema,
} from "@/server/domain/calls/call-filters";
import { findCallDetail } from "@/server/domain/calls/find-call-detail";
import { findCallEmployees, findCalls } from "@/server/domain/calls/find-calls";
import { AppError } from "@/server/errors";

/** A call as the calls table and the client page list it. */
export const ZCallRow = z.object({
  id: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  state: z.enum(["ringing", "answered", "ended"]),
  status: z.enum(CALL_STATUSES),
  startedAt: z.date(),
  answeredAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  clientPhone: z.string().nullable(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  companyNumber: z.string().nullable(),
  extension: z.string().nullable(),
  membershipId: z.string().nullable(),
  employeeName: z.string().nullable(),
  waitSeconds: z.number().nullable(),
  talkSeconds: z.number().nullable(),
  disposition: z.enum(["answered", "no_answer", "busy", "cancelled", "failed"]).nullable(),
  rawDisposition: z.string().nullable(),
  recordingState: z.enum(["none", "pending", "ready", "unavailable"]),
  isFirstCall: z.boolean(),
  calledBackAt: z.date().nullable(),
  calledBackCallId: z.string().nullable(),
});

const ZCallDetail = ZCallRow.extend({
  createdAt: z.date(),
  updatedAt: z.date(),
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      kind: z.string().nullable(),
      extension: z.string().nullable(),
      employeeName: z.string().nullable(),
      at: z.date(),
      payload: z.record(z.string(), z.unknown()).catch({}),
    }),
  ),
  legs: z.array(
    z.object({
      extension: z.string(),
      extensionName: z.string().nullable(),
      employeeName: z.string().nullable(),
      rungAt: z.date().nullable(),
      answeredAt: z.date().nullable(),
    }),
  ),
  client: z
    .object({
      id: z.string(),
      name: z.string().nullable(),
      phone: z.string(),
      email: z.string().nullable(),
      klientiksClientId: z.string().nullable(),
    })
    .nullable(),
  traffic: z
    .object({
      ...TRAFFIC_FIELDS,
      rule: z.enum(["dynamic_number", "static_number", "unidentified"]),
      trackingNumber: z.string().nullable(),
      sessionId: z.string().nullable(),
      landingUrl: z.string().nullable(),
      referrer: z.string().nullable(),
      yclid: z.string().nullable(),
      gclid: z.string().nullable(),
      fbclid: z.string().nullable(),
    })
    .nullable(),
  earlierCalls: z.array(ZCallRow),
});

/** Raw data → Звонки (issue 9 §4): the calls log, one call's detail, and the employee filter's choices. */
export const callsRouter = createTrpcRouter({
  list: tenantProcedure
    .input(ZCallListRequestSchema)
    // `count` is exact up to LIST_COUNT_CAP; `isCountCapped` means "at least that many".
    .output(
      z.object({
        data: z.array(ZCallRow),
        count: z.number(),
        isCountCapped: z.boolean(),
        currentPage: z.number(),
        perPage: z.number(),
        totalPages: z.number(),
      }),
    )
    .query(({ ctx, input }) =>
      findCalls(ctx.db, { tenantId: ctx.tenant.tenantId, request: input }),
    ),

  detail: tenantProcedure
    .input(z.object({ callId: z.string().max(64) }))
    .output(ZCallDetail)
    .query(async ({ ctx, input }) => {
      const call = await findCallDetail(ctx.db, {
        tenantId: ctx.tenant.tenantId,
        callId: input.callId,
      });
      if (!call) throw new AppError("NOT_FOUND");
      return call;
    }),

  employees: tenantProcedure
    .output(z.array(z.object({ id: z.string(), name: z.string() })))
    .query(({ ctx }) => findCallEmployees(ctx.db, { tenantId: ctx.tenant.tenantId })),
});
