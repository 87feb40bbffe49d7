import type { CallView } from "../../emulators/zadarma/call-view";
import { expectedCallOf, type TExpectedCall } from "./calls-storm";
import type { TSql } from "./database";
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

/**
 * The columns of a row that differ from what the PBX says. Recording: a ref is `pending` or `ready`
 * (only `ready` once it must have been fetched), none is `none`. More events than notifications is
 * not among them: that is a doubled event, which `checkStormCalls` counts on its own.
 */
function differences(
  row: TCallRow,
  expected: TExpectedCall,
  { isRecordingFetched }: { isRecordingFetched: boolean },
): string[] {
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
    events: Number(row.events) > expected.events ? undefined : expected.events,
    state: "ended",
    recordingState: expected.recordingRef
      ? isRecordingFetched
        ? ["ready"]
        : ["pending", "ready"]
      : ["none"],
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
 * the PBX does not know, and each row's columns and stored events (one per distinct notification)
 * as the notifications say. `doubled` counts calls with two rows or more events than notifications
 * (a duplicate stored twice); `mismatched` those with other columns or fewer events.
 * `isRecordingFetched`: every recording must be `ready` by now, not merely announced.
 */
export async function checkStormCalls(
  sql: TSql,
  options: {
    tenantId: string;
    calls: readonly CallView[];
    notifications: readonly TCapturedNotification[];
    isRecordingFetched?: boolean;
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
  let doubled = 0;
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
    const wrong = differences(row, expected, {
      isRecordingFetched: options.isRecordingFetched ?? false,
    });
    const twice = [
      ...(more.length > 0 ? [`${more.length + 1} rows`] : []),
      ...(Number(row.events) > expected.events
        ? [`${row.events} events for ${expected.events} notifications`]
        : []),
    ];
    if (wrong.length > 0) mismatched += 1;
    if (twice.length > 0) doubled += 1;
    if (wrong.length + twice.length > 0)
      examples.push(`${call.pbx_call_id}: ${[...wrong, ...twice].join(", ")}`);
  }
  const unexpected = rows.filter((row) => !known.has(row.providerCallId)).length;
  log(
    `storm check: ${options.calls.length} calls, ${rows.length} Call rows; ${missing} missing, ${unexpected} unknown to the PBX, ${mismatched} with other columns or fewer events, ${doubled} doubled` +
      (examples.length > 0 ? `; e.g. ${examples.slice(0, 5).join("; ")}` : "") +
      `. Not counted: ${otherHolder} transferred calls name another extension than the one that held the call last (their ANSWERs carry no time; arrival order decides)`,
  );
  return { missing, unexpected, mismatched, doubled };
}
