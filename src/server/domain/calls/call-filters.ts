import { z } from "zod";

export const CALL_DIRECTIONS = ["incoming", "outgoing", "internal"] as const;

/**
 * What the calls table says about a call's outcome, derived from its direction, state and
 * disposition (`call-status.ts`). `not_answered` is an outgoing call nobody picked up; an incoming
 * one is `missed`.
 */
export const CALL_STATUSES = [
  "in_progress",
  "answered",
  "missed",
  "not_answered",
  "busy",
  "cancelled",
  "failed",
] as const;
export type TCallStatus = (typeof CALL_STATUSES)[number];

export const CALL_SORT_FIELDS = ["startedAt"] as const;

const ZId = z.string().max(64);

/** Filters shared by the calls table and its CSV export; the server schema is strict (C14). */
export const ZCallFiltersSchema = z.object({
  /** The period of the call's start; named like every table's period so links and exports read alike. */
  createdFrom: z.date().optional(),
  createdTo: z.date().optional(),
  directions: z.array(z.enum(CALL_DIRECTIONS)).max(CALL_DIRECTIONS.length).optional(),
  statuses: z.array(z.enum(CALL_STATUSES)).max(CALL_STATUSES.length).optional(),
  /** Incoming calls nobody answered and nobody has called back since. */
  missedNotCalledBack: z.boolean().optional(),
  membershipIds: z.array(ZId).max(100).optional(),
  /** `true`: a recording is ready or being prepared; `false`: none will be; absent: both. */
  hasRecording: z.boolean().optional(),
  /** `true`: the phone's first call in the workspace; `false`: a repeat caller; absent: both. */
  isFirstCall: z.boolean().optional(),
  search: z.string().trim().max(100).optional(),
});
export type TCallFilters = z.infer<typeof ZCallFiltersSchema>;

/**
 * The table's order, shared by its page and its CSV export. Only the start time: it is the one
 * order the (tenantId[, membershipId | disposition], startedAt DESC, id DESC) indexes hold, so a page
 * of a million calls stays an index walk whatever the filters.
 */
export const ZCallSortSchema = z
  .object({ field: z.enum(CALL_SORT_FIELDS), direction: z.enum(["asc", "desc"]) })
  .default({ field: "startedAt", direction: "desc" });
export type TCallSort = z.infer<typeof ZCallSortSchema>;

export const ZCallListRequestSchema = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  perPage: z.number().int().min(1).max(100).default(25),
  sort: ZCallSortSchema,
  filters: ZCallFiltersSchema.default({}),
});
export type TCallListRequest = z.infer<typeof ZCallListRequestSchema>;
