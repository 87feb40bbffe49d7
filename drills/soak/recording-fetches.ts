import { log } from "../../bench/lib/stats";
import type { CallView } from "../../emulators/zadarma/call-view";
import type { ZadarmaControl } from "../../emulators/zadarma/control-client";

/** The emulator keeps this many REST requests, all accounts together (emulators/zadarma/request-log.ts). */
const REQUEST_LOG_SIZE = 5000;

/**
 * Calls whose recording the app fetched more than once: a link the PBX gave makes a recording
 * `ready` for good (docs/recordings.md), so a second successful `pbx/record/request` of one call
 * means its state went back to `pending`, or two fetchers raced. Read from the emulator's request
 * log (its newest entries: an older fetch rolled off the log could only hide a repeat).
 */
export async function countRecordingsFetchedTwice(
  zadarma: ZadarmaControl,
  salons: readonly { pbxAccountId: string; playedCalls: readonly CallView[] }[],
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
  const fetches = new Map<string, number>();
  for (const request of requests) {
    if (request.method !== "pbx/record/request" || request.status !== 200) continue;
    if (!request.account_id || !accounts.has(request.account_id)) continue;
    const query = new URLSearchParams(request.path.split("?")[1] ?? "");
    const call =
      query.get("pbx_call_id") ??
      callOfRecording.get(`${request.account_id}:${query.get("call_id")}`) ??
      `unknown recording ${query.get("call_id")}`;
    fetches.set(call, (fetches.get(call) ?? 0) + 1);
  }
  const twice = [...fetches.values()].filter((count) => count > 1).length;
  log(
    `recording fetches: ${fetches.size} calls' recordings fetched, ${twice} of them more than once (from the emulator's log of ${requests.length} REST requests` +
      `${requests.length >= REQUEST_LOG_SIZE ? ", which is full: older ones rolled off" : ""})`,
  );
  return twice;
}
