// `queries/recording/post`: json `{recording_id, action: "download" | "play"}` answers 302 to a
// one-time link the emulator serves itself at `/files/recording/{token}`. The first GET consumes it
// (HEAD does not); a second GET answers 410, an unknown token 404, a link older than ten minutes 410.
// The file is a generated WAV with Range support (the Zadarma emulator's audio).

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import { sendJson } from "../../zadarma/http";
import { sendWav } from "../../zadarma/recording-download";
import { wavSize } from "../../zadarma/wav";
import type { Emulator } from "../emulator";
import type { Call } from "../types";
import type { ApiHandler } from "./context";
import { optionalString, requiredString } from "./params";
import { ApiError, RESULT } from "./results";

export const FILES_PREFIX = "/files/recording/";
const LINK_LIFETIME_MS = 10 * 60_000;

const findRecording = (calls: Iterable<Call>, recordingId: string): Call | undefined =>
  Array.from(calls).find((call) => call.recording?.recordingId === recordingId);

export const recordingPost: ApiHandler = ({ emulator, account, json, origin }) => {
  const recordingId = requiredString(json, "recording_id");
  const action = optionalString(json, "action") ?? "download";
  if (action !== "download" && action !== "play")
    throw new ApiError(RESULT.badFormat, "action must be download or play");
  const now = emulator.clock.now();
  const call = findRecording(account.calls.values(), recordingId);
  if (!call?.recording || call.recording.readyAt > now)
    throw new ApiError(RESULT.unknownRecording, `no recording ${recordingId}`);
  const token = randomBytes(16).toString("hex");
  emulator.state.links.set(token, {
    accountId: account.id,
    entryId: call.entryId,
    action,
    expiresAt: now + LINK_LIFETIME_MS,
    used: false,
  });
  return { kind: "redirect", location: `${origin}${FILES_PREFIX}${token}` };
};

export const isFilePath = (pathname: string): boolean => pathname.startsWith(FILES_PREFIX);

export const serveRecordingFile = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  const token = url.pathname.slice(FILES_PREFIX.length).replace(/\/.*$/, "");
  const link = emulator.state.links.get(token);
  const call = link && emulator.state.accounts.get(link.accountId)?.calls.get(link.entryId);
  if (!link || !call?.recording) return sendJson(response, 404, { error: "file not found" });
  if (link.used || link.expiresAt <= emulator.clock.now())
    return sendJson(response, 410, { error: "link used or expired" });
  if (request.method !== "HEAD") link.used = true;
  const name = `${call.recording.recordingId.replace(/[^0-9A-Za-z]/g, "")}.wav`;
  response.setHeader(
    "content-disposition",
    `${link.action === "play" ? "inline" : "attachment"}; filename="${name}"`,
  );
  await sendWav(request, response, wavSize(call.recording.seconds, null));
};
