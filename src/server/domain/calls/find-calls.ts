import type { Prisma } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";
import type { TCallFilters, TCallListRequest, TCallSort } from "@/server/domain/calls/call-filters";
import {
  callStatusOf,
  callStatusWhere,
  MISSED_NOT_CALLED_BACK_WHERE,
} from "@/server/domain/calls/call-status";
import { COUNT_TAKE, pageOfCappedCount } from "@/server/domain/lists/capped-count";
import { orderByOf, type TKeysetOrder } from "@/server/domain/lists/keyset-order";
import { searchTextWhere } from "@/server/domain/lists/table-search";
import { TELEPHONY_KINDS } from "@/server/domain/telephony/kinds";

const RECORDING_EXPECTED = ["ready", "pending"] as const;

/** Every list query is scoped by `tenantId` first, matching the indexes that start with it. */
export function callWhere(tenantId: string, filters: TCallFilters): Prisma.CallWhereInput {
  const conditions: Prisma.CallWhereInput[] = [];
  if (filters.createdFrom || filters.createdTo)
    conditions.push({ startedAt: { gte: filters.createdFrom, lt: filters.createdTo } });
  if (filters.directions?.length) conditions.push({ direction: { in: filters.directions } });
  if (filters.statuses?.length) conditions.push({ OR: filters.statuses.map(callStatusWhere) });
  if (filters.missedNotCalledBack) conditions.push(MISSED_NOT_CALLED_BACK_WHERE);
  if (filters.membershipIds?.length)
    conditions.push({ membershipId: { in: filters.membershipIds } });
  if (filters.hasRecording !== undefined)
    conditions.push({
      recordingState: filters.hasRecording
        ? { in: [...RECORDING_EXPECTED] }
        : { notIn: [...RECORDING_EXPECTED] },
    });
  if (filters.isFirstCall !== undefined) conditions.push({ isFirstCall: filters.isFirstCall });
  return {
    tenantId,
    ...(conditions.length ? { AND: conditions } : {}),
    ...searchTextWhere(filters.search),
  };
}

export const CALL_LIST_SELECT = {
  id: true,
  direction: true,
  state: true,
  startedAt: true,
  answeredAt: true,
  endedAt: true,
  clientPhone: true,
  clientId: true,
  companyNumber: true,
  extension: true,
  membershipId: true,
  waitSeconds: true,
  talkSeconds: true,
  disposition: true,
  rawDisposition: true,
  recordingState: true,
  isFirstCall: true,
  calledBackAt: true,
  calledBackCallId: true,
} as const satisfies Prisma.CallSelect;

type TCallListRow = Prisma.CallGetPayload<{ select: typeof CALL_LIST_SELECT }>;

/** The order of the (tenantId, startedAt DESC, id DESC) index: the capped count walks it and stops. */
const COUNT_ORDER: Prisma.CallOrderByWithRelationInput[] = [{ startedAt: "desc" }, { id: "desc" }];

/** The order of the calls table and of its export (`startedAt` is never empty). */
export const callOrder = ({ field, direction }: TCallSort): TKeysetOrder<TCallSort["field"]> => ({
  field,
  direction,
});

/** Members' names by membership id, for the employee column and the legs of a call. */
export async function loadMemberNames(
  db: TDbClient,
  { tenantId, membershipIds }: { tenantId: string; membershipIds: readonly string[] },
) {
  const unique = [...new Set(membershipIds)];
  const members = unique.length
    ? await db.membership.findMany({
        where: { tenantId, id: { in: unique } },
        select: { id: true, user: { select: { name: true } } },
      })
    : [];
  return new Map(members.map((member) => [member.id, member.user.name]));
}

/** The names a page of calls shows beside ids: the client's and the employee's. */
export async function loadCallNames(
  db: TDbClient,
  {
    tenantId,
    calls,
  }: { tenantId: string; calls: readonly Pick<TCallListRow, "clientId" | "membershipId">[] },
) {
  const clientIds = [...new Set(calls.flatMap((call) => (call.clientId ? [call.clientId] : [])))];
  const [clients, employeeNames] = await Promise.all([
    clientIds.length
      ? db.client.findMany({
          where: { tenantId, id: { in: clientIds } },
          select: { id: true, name: true },
        })
      : [],
    loadMemberNames(db, {
      tenantId,
      membershipIds: calls.flatMap((call) => (call.membershipId ? [call.membershipId] : [])),
    }),
  ]);
  return { clientNames: new Map(clients.map((client) => [client.id, client.name])), employeeNames };
}

export type TCallNames = Awaited<ReturnType<typeof loadCallNames>>;

/** A call row as the table and the export show it: its status in words' code and the names beside the ids. */
export const withCallNames = <TRow extends TCallListRow>(
  call: TRow,
  { clientNames, employeeNames }: TCallNames,
) => ({
  ...call,
  status: callStatusOf(call),
  clientName: (call.clientId && clientNames.get(call.clientId)) || null,
  employeeName: (call.membershipId && employeeNames.get(call.membershipId)) || null,
});

/** One page of calls with the total (capped, see LIST_COUNT_CAP), sorted on the server (conventions C14). */
export async function findCalls(
  db: TDbClient,
  { tenantId, request }: { tenantId: string; request: TCallListRequest },
) {
  const where = callWhere(tenantId, request.filters);
  const orderBy = orderByOf(callOrder(request.sort)) as Prisma.CallOrderByWithRelationInput[];
  const [rows, countUpToCap] = await Promise.all([
    db.call.findMany({
      where,
      orderBy,
      skip: (request.page - 1) * request.perPage,
      take: request.perPage,
      select: CALL_LIST_SELECT,
    }),
    db.call.count({ where, take: COUNT_TAKE, orderBy: COUNT_ORDER }),
  ]);
  const names = await loadCallNames(db, { tenantId, calls: rows });
  return {
    data: rows.map((row) => withCallNames(row, names)),
    ...pageOfCappedCount(countUpToCap, request),
  };
}

/** The employee filter's choices: the workspace's members, by name (few, unlike the calls). */
export async function findCallEmployees(db: TDbClient, { tenantId }: { tenantId: string }) {
  const members = await db.membership.findMany({
    where: { tenantId },
    select: { id: true, user: { select: { name: true, email: true } } },
  });
  return members
    .map(({ id, user }) => ({ id, name: user.name || user.email }))
    .sort((a, b) => a.name.localeCompare(b.name, "ru"));
}

/** Whether the workspace has connected a telephony provider: until then the calls page explains how to. */
export async function hasTelephonyConnection(
  db: TDbClient,
  { tenantId }: { tenantId: string },
): Promise<boolean> {
  const where = { tenantId, kind: { in: TELEPHONY_KINDS } };
  return (await db.connection.count({ where, take: 1 })) > 0;
}
