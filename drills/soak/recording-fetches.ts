import { log } from "../../bench/lib/stats";
import type { CallView } from "../../emulators/zadarma/call-view";
import type { ZadarmaControl } from "../../emulators/zadarma/control-client";

/** The emulator keeps this many REST requests, all accounts together (emulators/zadarma/request-log.ts). */
const REQUEST_LOG_SIZE = 5000;

/** The longest a fetch may take from the PBX's answer to the write of `ready` (the fetch's own timeout). */
const FETCH_TO_WRITE_MS = 15_000;

/**
 * Whether a call's fetches are the one repeat a crash allows: the first answered shortly before
 * the SIGKILL (the process died before writing `ready`), the second after the restart. Recording
 * fetches are at least once by design (docs/recordings.md); only a repeat without a kill between
 * is a duplicate.
 */
const isRepeatAcrossTheKill = (fetchedAt: readonly number[], killedAt: number) =>
  fetchedAt.length === 2 &&
  fetchedAt[0]! <= killedAt &&
  killedAt - fetchedAt[0]! <= FETCH_TO_WRITE_MS &&
  fetchedAt[1]! > killedAt;

/**
 * Calls whose recording the app fetched more than once: a link the PBX gave makes a recording
 * `ready` for good (docs/recordings.md), so a second successful `pbx/record/request` of one call
 * means its state went back to `pending`, or two fetchers raced, unless the app was killed between
 * the PBX's answer and the write (`killedAt`, ms). Read from the emulator's request log (its newest
 * entries: an older fetch rolled off the log could only hide a repeat).
 */
export async function countRecordingsFetchedTwice(
  zadarma: ZadarmaControl,
  salons: readonly { pbxAccountId: string; playedCalls: readonly CallView[] }[],
  killedAt: number,
): Promise<number> {
  const requests = await zadarma.requests();
  const callOfRecording = new Map(
    salons.flatMap(({ pbxAccountId, playedCalls }) =>
      playedCalls.flatMap((call) =>
        call.recording
          ? [[`${pbxAccountId}:${call.recording.call_id_with_rec}`, call.pbx_call_id] as const]
          : [],
      ),
    ),
  );
  const accounts = new Set(salons.map((salon) => salon.pbxAccountId));
  const fetches = new Map<string, number[]>();
  for (const request of requests) {
    if (request.method !== "pbx/record/request" || request.status !== 200) continue;
    if (!request.account_id || !accounts.has(request.account_id)) continue;
    const query = new URLSearchParams(request.path.split("?")[1] ?? "");
    const call =
      query.get("pbx_call_id") ??
      callOfRecording.get(`${request.account_id}:${query.get("call_id")}`) ??
      `unknown recording ${query.get("call_id")}`;
    fetches.set(call, [...(fetches.get(call) ?? []), Date.parse(request.at)]);
  }
  const repeated = [...fetches.values()].filter((fetchedAt) => fetchedAt.length > 1);
  const acrossTheKill = repeated.filter((fetchedAt) =>
    isRepeatAcrossTheKill(
      [...fetchedAt].sort((a, b) => a - b),
      killedAt,
    ),
  ).length;
  const twice = repeated.length - acrossTheKill;
  log(
    `recording fetches: ${fetches.size} calls' recordings fetched, ${twice} of them more than once, ${acrossTheKill} more once again after the kill cut the first (from the emulator's log of ${requests.length} REST requests` +
      `${requests.length >= REQUEST_LOG_SIZE ? ", which is full: older ones rolled off" : ""})`,
  );
  return twice;
}
