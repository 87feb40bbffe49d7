import type pg from "pg";

import type { CallView } from "../../emulators/zadarma/call-view";
import { expectedCallOf, type TExpectedCall } from "./calls-storm";
import type { TCapturedNotification } from "./notification-capture";
import { log } from "./stats";

type TCallRow = {
  providerCallId: string;
  direction: string;
  state: string;
  clientPhone: string | null;
  companyNumber: string | null;
  extension: string | null;
  startedAt: Date;
  disposition: string | null;
  rawDisposition: string | null;
  recordingState: string;
  recordingRef: string | null;
  events: string;
};

/** `Map.groupBy`, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

/** The columns of a row that differ from what the PBX says (recording: a ref is `pending` or `ready`, none is `none`). */
function differences(row: TCallRow, expected: TExpectedCall): string[] {
  const actual: Record<string, unknown> = {
    direction: row.direction,
    state: row.state,
    disposition: row.disposition,
    rawDisposition: row.rawDisposition,
    clientPhone: row.clientPhone,
    companyNumber: row.companyNumber,
    startedAt: row.startedAt.getTime(),
    extension: row.extension,
    recordingRef: row.recordingRef,
    events: Number(row.events),
    recordingState: row.recordingState,
  };
  const wanted: Record<string, unknown> = {
    ...expected,
    state: "ended",
    recordingState: expected.recordingRef ? ["pending", "ready"] : ["none"],
  };
  return Object.keys(wanted)
    .filter((column) => {
      if (wanted[column] === undefined) return false;
      const value = wanted[column];
      return Array.isArray(value) ? !value.includes(actual[column]) : value !== actual[column];
    })
    .map(
      (column) =>
        `${column}: ${JSON.stringify(actual[column])} ≠ ${JSON.stringify(wanted[column])}`,
    );
}

/**
 * Every call the PBX ended against the workspace's Call rows: one row per `pbx_call_id`, no row
 * the PBX does not know, and each row's columns and stored events (one per distinct notification:
 * a duplicate stored twice would show here) as the notifications say.
 */
export async function checkStormCalls(
  sql: pg.Client,
  options: {
    tenantId: string;
    calls: readonly CallView[];
    notifications: readonly TCapturedNotification[];
  },
) {
  const { rows } = await sql.query<TCallRow>(
    `SELECT c."providerCallId", c."direction"::text, c."state"::text, c."clientPhone", c."companyNumber", c."extension", c."startedAt",
       c."disposition"::text, c."rawDisposition", c."recordingState"::text, c."recordingRef",
       (SELECT count(*) FROM "CallEvent" AS e WHERE e."tenantId" = c."tenantId" AND e."callId" = c."id") AS "events"
     FROM "Call" AS c WHERE c."tenantId" = $1`,
    [options.tenantId],
  );
  const rowsByCall = groupBy(rows, (row) => row.providerCallId);
  const notificationsByCall = groupBy(
    options.notifications,
    (notification) => notification.pbxCallId,
  );
  const known = new Set(options.calls.map((call) => call.pbx_call_id));
  let missing = 0;
  let mismatched = 0;
  /** Calls whose extension was left unchecked (several answers or rung extensions) and differs from the PBX's last holder. */
  let otherHolder = 0;
  const examples: string[] = [];
  for (const call of options.calls) {
    const [row, ...more] = rowsByCall.get(call.pbx_call_id) ?? [];
    if (!row) {
      missing += 1;
      examples.push(`${call.pbx_call_id}: no Call row`);
      continue;
    }
    const expected = expectedCallOf(call, notificationsByCall.get(call.pbx_call_id)?.length ?? 0);
    if (
      expected.extension === undefined &&
      call.extension !== null &&
      row.extension !== call.extension
    )
      otherHolder += 1;
    const wrong = [
      ...differences(row, expected),
      ...(more.length > 0 ? [`${more.length + 1} rows`] : []),
    ];
    if (wrong.length > 0) {
      mismatched += 1;
      examples.push(`${call.pbx_call_id}: ${wrong.join(", ")}`);
    }
  }
  const unexpected = rows.filter((row) => !known.has(row.providerCallId)).length;
  log(
    `storm check: ${options.calls.length} calls, ${rows.length} Call rows; ${missing} missing, ${unexpected} unknown to the PBX, ${mismatched} with other columns or events` +
      (examples.length > 0 ? `; e.g. ${examples.slice(0, 5).join("; ")}` : "") +
      `. Not counted: ${otherHolder} transferred calls name another extension than the one that held the call last (their ANSWERs carry no time; arrival order decides)`,
  );
  return { missing, unexpected, mismatched };
}
