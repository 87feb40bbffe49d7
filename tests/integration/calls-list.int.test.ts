// Raw data → Звонки on the real database: every status filter selects exactly the calls whose
// derived status it names, the other filters, the search as people type phones and names, paging
// in the (startedAt, id) order across ties, the capped count, the CSV in the table's order, and
// another workspace's calls never showing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createId } from "@/lib/ids";
import { csvDialectOf } from "@/server/csv/csv-dialect";
import {
  CALL_STATUSES,
  ZCallListRequestSchema,
  type TCallFilters,
} from "@/server/domain/calls/call-filters";
import { callStatusOf, isUnansweredIncoming } from "@/server/domain/calls/call-status";
import { exportCallsCsv } from "@/server/domain/calls/export-calls-csv";
import { findCallDetail } from "@/server/domain/calls/find-call-detail";
import { findCalls } from "@/server/domain/calls/find-calls";
import { LIST_COUNT_CAP } from "@/server/domain/lists/capped-count";

import { KEYS_AND_CODES, parseCsv } from "../support/csv";
import {
  createCall,
  createTestTelephonyConnection,
  createTestUser,
  createTestWorkspace,
  type TCallSeed,
} from "../support/factories";
import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

async function createPbx(name: string) {
  const { tenant, owner } = await createTestWorkspace(db, name);
  const connection = await createTestTelephonyConnection(db, tenant.id);
  const scope = { tenantId: tenant.id, connectionId: connection.id };
  return {
    tenantId: tenant.id,
    owner,
    scope,
    call: (seed: TCallSeed = {}) => createCall(db, scope, seed),
  };
}

const idsOf = async (tenantId: string, filters: TCallFilters, perPage = 100) =>
  (
    await findCalls(db, { tenantId, request: ZCallListRequestSchema.parse({ perPage, filters }) })
  ).data
    .map((call) => call.id)
    .sort();

describe("calls list filters", () => {
  let pbx: Awaited<ReturnType<typeof createPbx>>;
  let calls: Awaited<ReturnType<typeof createCall>>[];

  beforeAll(async () => {
    pbx = await createPbx("АТС Статусы");
    calls = [];
    const base = Date.parse("2026-11-10T09:00:00Z");
    let minute = 0;
    // Every combination the fold can leave: direction × state × disposition × answered or not × called back or not.
    for (const direction of ["incoming", "outgoing", "internal"] as const) {
      for (const state of ["ringing", "answered", "ended"] as const) {
        for (const disposition of [
          "answered",
          "no_answer",
          "busy",
          "cancelled",
          "failed",
          null,
        ] as const) {
          if (state !== "ended" && disposition !== null) continue;
          for (const isAnswered of [true, false]) {
            for (const isCalledBack of [false, true]) {
              const startedAt = new Date(base + (minute += 1) * 60_000);
              calls.push(
                await pbx.call({
                  direction,
                  state,
                  disposition,
                  startedAt,
                  answeredAt: isAnswered ? new Date(startedAt.getTime() + 3000) : null,
                  calledBackAt: isCalledBack ? new Date(startedAt.getTime() + 600_000) : null,
                }),
              );
            }
          }
        }
      }
    }
  });

  it("selects exactly the calls of each status, and the missed ones nobody called back", async () => {
    for (const status of CALL_STATUSES) {
      const expected = calls
        .filter((call) => callStatusOf(call) === status)
        .map((call) => call.id)
        .sort();
      expect(await idsOf(pbx.tenantId, { statuses: [status] }), status).toEqual(expected);
    }
    const answeredOrBusy = calls
      .filter((call) => ["answered", "busy"].includes(callStatusOf(call)))
      .map((call) => call.id)
      .sort();
    expect(await idsOf(pbx.tenantId, { statuses: ["answered", "busy"] })).toEqual(answeredOrBusy);

    const notCalledBack = calls
      .filter((call) => isUnansweredIncoming(call) && call.calledBackAt === null)
      .map((call) => call.id)
      .sort();
    expect(notCalledBack.length).toBeGreaterThan(3);
    expect(await idsOf(pbx.tenantId, { missedNotCalledBack: true })).toEqual(notCalledBack);
  });

  it("filters by direction, period, recording, first call and employee", async () => {
    const outgoing = calls
      .filter((call) => call.direction === "outgoing")
      .map((call) => call.id)
      .sort();
    expect(await idsOf(pbx.tenantId, { directions: ["outgoing"] })).toEqual(outgoing);

    const [from, to] = [calls[10]!.startedAt, calls[20]!.startedAt];
    expect(await idsOf(pbx.tenantId, { createdFrom: from, createdTo: to })).toEqual(
      calls
        .slice(10, 20)
        .map((call) => call.id)
        .sort(),
    );

    const employee = await createTestUser(db, "Оператор");
    const membership = await db.membership.create({
      data: {
        id: `mbr_${employee.id}`,
        tenantId: pbx.tenantId,
        userId: employee.id,
        role: "agent",
      },
    });
    const recorded = await pbx.call({
      recordingState: "ready",
      recordingRef: "rec-1",
      isFirstCall: true,
      membershipId: membership.id,
      startedAt: new Date("2026-12-01T10:00:00Z"),
    });
    const pending = await pbx.call({
      recordingState: "pending",
      startedAt: new Date("2026-12-01T11:00:00Z"),
    });
    await pbx.call({ recordingState: "unavailable", startedAt: new Date("2026-12-01T12:00:00Z") });
    const december = { createdFrom: new Date("2026-12-01T00:00:00Z") };
    expect(await idsOf(pbx.tenantId, { ...december, hasRecording: true })).toEqual(
      [recorded.id, pending.id].sort(),
    );
    expect(await idsOf(pbx.tenantId, { ...december, hasRecording: false })).toHaveLength(1);
    expect(await idsOf(pbx.tenantId, { isFirstCall: true })).toEqual([recorded.id]);
    expect(await idsOf(pbx.tenantId, { ...december, isFirstCall: false })).toHaveLength(2);

    const page = await findCalls(db, {
      tenantId: pbx.tenantId,
      request: ZCallListRequestSchema.parse({ filters: { membershipIds: [membership.id] } }),
    });
    expect(page.data.map((call) => [call.id, call.employeeName])).toEqual([
      [recorded.id, "Оператор"],
    ]);
  });
});

describe("calls search", () => {
  it("finds a caller by the phone as people type it, and by name with ё as е", async () => {
    const pbx = await createPbx("АТС Поиск");
    const client = await db.client.create({
      data: {
        id: `cli_${pbx.tenantId}`,
        tenantId: pbx.tenantId,
        phone: "+79991234567",
        name: "Ёлкина Вера",
      },
    });
    const known = await pbx.call({
      clientPhone: client.phone,
      clientId: client.id,
      clientName: client.name,
    });
    const other = await pbx.call({ clientPhone: "+79035550011" });
    for (const query of [
      "+7 (999) 123-45-67",
      "8 999 123 45 67",
      "89991234567",
      "79991234567",
      "1234567",
      "елкина",
      "ЁЛКИНА вера",
    ]) {
      expect(await idsOf(pbx.tenantId, { search: query }), query).toEqual([known.id]);
    }
    expect(await idsOf(pbx.tenantId, { search: "5550011" })).toEqual([other.id]);
    const [row] = (
      await findCalls(db, {
        tenantId: pbx.tenantId,
        request: ZCallListRequestSchema.parse({ filters: { search: "Вера" } }),
      })
    ).data;
    expect(row).toMatchObject({
      clientName: "Ёлкина Вера",
      clientPhone: "+79991234567",
      status: "answered",
    });
  });
});

describe("calls paging, count and export", () => {
  it("pages in start order with ties broken by id, and the CSV lists the same order", async () => {
    const pbx = await createPbx("АТС Страницы");
    // Many calls share a start second: paging must neither repeat nor skip one of them.
    const seconds = [0, 0, 0, 1, 1, 2, 3, 3, 3, 3, 4, 5, 5, 6, 7, 7, 7, 8, 9, 9, 9, 9, 10];
    await db.call.createMany({
      data: seconds.map((second, index) => ({
        id: `call_${pbx.tenantId.slice(-6)}_${String(index).padStart(3, "0")}`,
        tenantId: pbx.tenantId,
        connectionId: pbx.scope.connectionId,
        providerCallId: `pbx-page-${index}`,
        direction: "incoming" as const,
        state: "ended" as const,
        disposition: "answered" as const,
        startedAt: new Date(Date.UTC(2026, 10, 1, 9, 0, second)),
        clientPhone: "+79990000000",
      })),
    });
    const expected = (
      await db.call.findMany({
        where: { tenantId: pbx.tenantId },
        select: { id: true, startedAt: true },
      })
    )
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((call) => call.id);
    const paged: string[] = [];
    for (let page = 1; page <= 5; page += 1) {
      const result = await findCalls(db, {
        tenantId: pbx.tenantId,
        request: ZCallListRequestSchema.parse({ page, perPage: 5 }),
      });
      expect(result).toMatchObject({ count: seconds.length, isCountCapped: false, totalPages: 5 });
      paged.push(...result.data.map((call) => call.id));
    }
    expect(paged).toEqual(expected);

    for (const direction of ["desc", "asc"] as const) {
      let text = "";
      for await (const chunk of exportCallsCsv(db, {
        tenantId: pbx.tenantId,
        filters: {},
        sort: { field: "startedAt", direction },
        timeZone: "Europe/Moscow",
        ...KEYS_AND_CODES,
        dialect: csvDialectOf("ru"),
      }))
        text += chunk;
      const rows = parseCsv(text.slice(1), ";");
      expect(rows[0]?.slice(0, 3)).toEqual(["startedAt", "direction", "status"]);
      // Times on the workspace's clock (Moscow, UTC+3), the caller in E.164.
      expect(rows.at(direction === "desc" ? -1 : 1)?.slice(0, 5)).toEqual([
        "2026-11-01 12:00:00",
        "incoming",
        "answered",
        "",
        "+79990000000",
      ]);
      expect(rows.slice(1)).toHaveLength(seconds.length);
    }
  });

  it("counts up to the cap and says when there are more", async () => {
    const pbx = await createPbx("АТС Много");
    const total = LIST_COUNT_CAP + 3;
    await db.call.createMany({
      data: Array.from({ length: total }, (_, index) => ({
        id: `call_${pbx.tenantId.slice(-6)}_${String(index).padStart(6, "0")}`,
        tenantId: pbx.tenantId,
        connectionId: pbx.scope.connectionId,
        providerCallId: `pbx-many-${index}`,
        direction: index % 2 ? ("incoming" as const) : ("outgoing" as const),
        state: "ended" as const,
        startedAt: new Date(Date.UTC(2026, 9, 1) + index * 60_000),
      })),
    });
    const all = await findCalls(db, {
      tenantId: pbx.tenantId,
      request: ZCallListRequestSchema.parse({ perPage: 100 }),
    });
    expect(all).toMatchObject({
      count: LIST_COUNT_CAP,
      isCountCapped: true,
      totalPages: LIST_COUNT_CAP / 100,
    });
    const incoming = await findCalls(db, {
      tenantId: pbx.tenantId,
      request: ZCallListRequestSchema.parse({ filters: { directions: ["incoming"] } }),
    });
    expect(incoming).toMatchObject({ count: Math.floor(total / 2), isCountCapped: false });
  });
});

describe("calls of another workspace", () => {
  it("never lists them nor opens one", async () => {
    const mine = await createPbx("АТС Моя");
    const theirs = await createPbx("АТС Чужая");
    const own = await mine.call({ clientPhone: "+79991112233" });
    const foreign = await theirs.call({ clientPhone: "+79991112233" });
    expect(await idsOf(mine.tenantId, {})).toEqual([own.id]);
    expect(await idsOf(mine.tenantId, { search: "1112233" })).toEqual([own.id]);
    expect(await findCallDetail(db, { tenantId: mine.tenantId, callId: foreign.id })).toBeNull();
    // The drawer's earlier calls of the same phone stay within the workspace too.
    const later = await mine.call({
      clientPhone: "+79991112233",
      startedAt: new Date(Date.now() + 60_000),
    });
    const detail = await findCallDetail(db, { tenantId: mine.tenantId, callId: later.id });
    expect(detail?.earlierCalls.map((call) => call.id)).toEqual([own.id]);
  });
});

describe("call detail", () => {
  it("lists the events in time order with who rang and answered, the legs, the client and the earlier calls", async () => {
    const pbx = await createPbx("АТС Карточка");
    const employee = await createTestUser(db, "Ольга");
    const membership = await db.membership.create({
      data: {
        id: `mbr_${employee.id}`,
        tenantId: pbx.tenantId,
        userId: employee.id,
        role: "agent",
      },
    });
    await db.telephonyExtension.createMany({
      data: [
        {
          id: createId("ext"),
          tenantId: pbx.tenantId,
          connectionId: pbx.scope.connectionId,
          extension: "100",
          name: "Ресепшен",
          membershipId: membership.id,
        },
        {
          id: createId("ext"),
          tenantId: pbx.tenantId,
          connectionId: pbx.scope.connectionId,
          extension: "101",
          name: "Кабинет 2",
        },
      ],
    });
    const client = await db.client.create({
      data: {
        id: `cli_${pbx.tenantId}`,
        tenantId: pbx.tenantId,
        phone: "+79995550101",
        name: "Анна Петрова",
      },
    });
    const at = (second: number) => new Date(Date.UTC(2026, 10, 5, 9, 0, second));
    const earlier = await pbx.call({
      clientPhone: client.phone,
      clientId: client.id,
      startedAt: at(0),
      membershipId: membership.id,
    });
    const call = await pbx.call({
      clientPhone: client.phone,
      clientId: client.id,
      startedAt: new Date(at(0).getTime() + 3_600_000),
      extension: "100",
      membershipId: membership.id,
    });
    const events = [
      ["NOTIFY_END", "100", 70],
      ["NOTIFY_START", null, 0],
      ["NOTIFY_INTERNAL", "101", 1],
      ["NOTIFY_INTERNAL", "100", 2],
      ["NOTIFY_ANSWER", "100", 6],
      ["NOTIFY_RECORD", null, 110],
    ] as const;
    await db.callEvent.createMany({
      data: events.map(([type, extension, second]) => ({
        id: createId("cev"),
        tenantId: pbx.tenantId,
        callId: call.id,
        eventKey: `zadarma:${call.providerCallId}:${type}:${extension ?? "-"}`,
        type,
        extension,
        at: new Date(call.startedAt.getTime() + second * 1000),
        payload: type === "NOTIFY_END" ? { disposition: "answered" } : {},
      })),
    });

    const detail = await findCallDetail(db, { tenantId: pbx.tenantId, callId: call.id });
    expect(detail?.events.map((event) => [event.type, event.kind, event.employeeName])).toEqual([
      ["NOTIFY_START", "started", null],
      ["NOTIFY_INTERNAL", "ringing", null],
      ["NOTIFY_INTERNAL", "ringing", "Ольга"],
      ["NOTIFY_ANSWER", "answered", "Ольга"],
      ["NOTIFY_END", "ended", "Ольга"],
      ["NOTIFY_RECORD", "recording_ready", null],
    ]);
    expect(detail?.legs).toEqual([
      {
        extension: "101",
        extensionName: "Кабинет 2",
        employeeName: null,
        rungAt: new Date(call.startedAt.getTime() + 1000),
        answeredAt: null,
      },
      {
        extension: "100",
        extensionName: "Ресепшен",
        employeeName: "Ольга",
        rungAt: new Date(call.startedAt.getTime() + 2000),
        answeredAt: new Date(call.startedAt.getTime() + 6000),
      },
    ]);
    expect(detail).toMatchObject({
      clientName: "Анна Петрова",
      employeeName: "Ольга",
      status: "answered",
      client: { id: client.id, phone: client.phone },
    });
    expect(detail?.earlierCalls.map((row) => row.id)).toEqual([earlier.id]);
  });
});
