// `pbx/record/request`: a download link to a recording, by `call_id` (= call_id_with_rec) → `link`, or by
// `pbx_call_id` → `links`, valid for `lifetime` seconds (180…5184000, default 1800). Links point at
// the emulator's own `/v1/pbx/record/download/{token}/{name}.wav` (README "Recordings").

import { randomBytes } from "node:crypto";

import { formatLocalDateTime } from "../datetime";
import type { Account, Call } from "../types";
import type { RestContext, RestHandler } from "./context";
import { RestError, success } from "./envelope";

const MIN_LIFETIME = 180;
const MAX_LIFETIME = 5_184_000;
const DEFAULT_LIFETIME = 1800;

export const DOWNLOAD_PREFIX = "/v1/pbx/record/download/";

const readLifetime = (params: URLSearchParams): number => {
  const raw = params.get("lifetime");
  if (raw === null || raw === "") return DEFAULT_LIFETIME;
  const lifetime = Number(raw);
  if (!Number.isInteger(lifetime) || lifetime < MIN_LIFETIME || lifetime > MAX_LIFETIME) {
    throw new RestError(
      `wrong parameter 'lifetime': expected whole seconds from ${MIN_LIFETIME} to ${MAX_LIFETIME}`,
    );
  }
  return lifetime;
};

/** The emulator answers "record not found" until NOTIFY_RECORD is due, as for a file still being saved. */
const readyRecording = (call: Call | undefined, now: number): Call | undefined =>
  call?.recording && call.recording.readyAt <= now ? call : undefined;

const findByRecordingId = (account: Account, callIdWithRec: string): Call | undefined =>
  Array.from(account.calls.values()).find(
    (call) => call.recording?.callIdWithRec === callIdWithRec,
  );

const issueLink = (
  { emulator, account, origin }: RestContext,
  call: Call,
  expiresAt: number,
): string => {
  const token = randomBytes(16).toString("hex");
  emulator.state.links.set(token, { accountId: account.id, pbxCallId: call.pbxCallId, expiresAt });
  return `${origin}${DOWNLOAD_PREFIX}${token}/${call.recording?.callIdWithRec ?? call.callId}.wav`;
};

export const requestRecording: RestHandler = (context) => {
  const { emulator, account, params } = context;
  const callId = params.get("call_id");
  const pbxCallId = params.get("pbx_call_id");
  if (!callId && !pbxCallId) throw new RestError("one of 'call_id' or 'pbx_call_id' is required");
  const lifetime = readLifetime(params);
  const now = emulator.clock.now();
  const expiresAt = now + lifetime * 1000;
  const lifetimeTill = formatLocalDateTime(expiresAt, account.timezone);
  if (callId) {
    const call = readyRecording(findByRecordingId(account, callId), now);
    if (!call) throw new RestError("record not found");
    return success({ link: issueLink(context, call, expiresAt), lifetime_till: lifetimeTill });
  }
  const call = readyRecording(account.calls.get(pbxCallId ?? ""), now);
  if (!call) throw new RestError("record not found");
  return success({ links: [issueLink(context, call, expiresAt)], lifetime_till: lifetimeTill });
};
