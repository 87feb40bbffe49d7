import { z } from "zod";

import {
  DEFAULT_COMMON_STATE,
  hasCommonFilters,
  idParam,
  listParam,
  readCommonTableState,
  writeCommonTableState,
  ZIdParam,
  type TCommonTableState,
} from "@/components/data-table/table-url-params";
import {
  CALL_DIRECTIONS,
  CALL_SORT_FIELDS,
  CALL_STATUSES,
  type TCallStatus,
} from "@/server/domain/calls/call-filters";

type TCallDirection = (typeof CALL_DIRECTIONS)[number];

/** What the calls page keeps in its URL: one source of truth for filters, sort, page and the open call. */
export type TCallsUrlState = TCommonTableState<(typeof CALL_SORT_FIELDS)[number]> & {
  directions: TCallDirection[];
  statuses: TCallStatus[];
  missedNotCalledBack: boolean;
  membershipIds: string[];
  /** null: any; true: with a recording (ready or being prepared); false: without. */
  hasRecording: boolean | null;
  /** null: any; true: first-time callers; false: repeat callers. */
  isFirstCall: boolean | null;
  callId: string | null;
};

export const DEFAULT_CALLS_URL_STATE: TCallsUrlState = {
  ...DEFAULT_COMMON_STATE,
  sort: { field: "startedAt", direction: "desc" },
  directions: [],
  statuses: [],
  missedNotCalledBack: false,
  membershipIds: [],
  hasRecording: null,
  isFirstCall: null,
  callId: null,
};

// `dir` is the common sort direction, so the call direction is `way`.
const PARAM = {
  directions: "way",
  statuses: "status",
  missedNotCalledBack: "notCalledBack",
  membershipIds: "employee",
  hasRecording: "recording",
  isFirstCall: "first",
  callId: "call",
} as const;

// Lenient on purpose (conventions C14): a hand-edited or outdated link falls back per field instead of failing.
const ZSortField = z.enum(CALL_SORT_FIELDS).catch(DEFAULT_CALLS_URL_STATE.sort.field);
const ZDirection = z.enum(CALL_DIRECTIONS);
const ZStatus = z.enum(CALL_STATUSES);
const ZTriState = z
  .enum(["1", "0"])
  .transform((value) => value === "1")
  .nullable()
  .catch(null);
const writeTriState = (params: URLSearchParams, key: string, value: boolean | null) => {
  if (value !== null) params.set(key, value ? "1" : "0");
};

export function parseCallsUrlState(params: URLSearchParams): TCallsUrlState {
  return {
    ...readCommonTableState(params, ZSortField),
    directions: listParam(params.getAll(PARAM.directions), ZDirection),
    statuses: listParam(params.getAll(PARAM.statuses), ZStatus),
    missedNotCalledBack: params.get(PARAM.missedNotCalledBack) === "1",
    membershipIds: listParam(params.getAll(PARAM.membershipIds), ZIdParam),
    hasRecording: ZTriState.parse(params.get(PARAM.hasRecording)),
    isFirstCall: ZTriState.parse(params.get(PARAM.isFirstCall)),
    callId: idParam(params.get(PARAM.callId)),
  };
}

/** The query string of a state; defaults are left out so a plain page has a plain URL. */
export function serializeCallsUrlState(state: TCallsUrlState): string {
  const params = new URLSearchParams();
  writeCommonTableState(params, state, DEFAULT_CALLS_URL_STATE.sort);
  state.directions.forEach((direction) => params.append(PARAM.directions, direction));
  state.statuses.forEach((status) => params.append(PARAM.statuses, status));
  if (state.missedNotCalledBack) params.set(PARAM.missedNotCalledBack, "1");
  state.membershipIds.forEach((id) => params.append(PARAM.membershipIds, id));
  writeTriState(params, PARAM.hasRecording, state.hasRecording);
  writeTriState(params, PARAM.isFirstCall, state.isFirstCall);
  if (state.callId) params.set(PARAM.callId, state.callId);
  return params.toString();
}

/** True when any filter narrows the list (sort, page and the open call do not). */
export const hasActiveCallFilters = (state: TCallsUrlState): boolean =>
  hasCommonFilters(state) ||
  state.directions.length > 0 ||
  state.statuses.length > 0 ||
  state.missedNotCalledBack ||
  state.membershipIds.length > 0 ||
  state.hasRecording !== null ||
  state.isFirstCall !== null;

/** The same state with every filter cleared and the first page. */
export const clearCallFilters = (state: TCallsUrlState): TCallsUrlState => ({
  ...DEFAULT_CALLS_URL_STATE,
  perPage: state.perPage,
  sort: state.sort,
  callId: state.callId,
});

/** The calls page with one call's drawer open (links from the client page). */
export const callPageHref = (slug: string, callId: string): string =>
  `/w/${encodeURIComponent(slug)}/calls?${serializeCallsUrlState({ ...DEFAULT_CALLS_URL_STATE, callId })}`;
