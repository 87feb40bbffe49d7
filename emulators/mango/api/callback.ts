// `commands/callback`: the extension's phone rings first, then the client is dialled; the answer
// only acknowledges the command, the outcome follows as `result/callback`. `commands/call/hangup` ends a
// call by one of its call_ids.

import { hangUpByCallId, placeCallback } from "../pbx";
import { resultAnswer, type ApiHandler } from "./context";
import { objectAt, optionalString, phoneNumber, requiredString } from "./params";
import { ApiError, RESULT } from "./results";

/** `sip_headers["Call-Info/answer-after"]`, seconds, as the official document names it. */
const autoAnswerSeconds = (json: Record<string, unknown>): number | null => {
  const value = optionalString(objectAt(json, "sip_headers"), "Call-Info/answer-after");
  if (value === null) return null;
  if (!/^\d{1,3}$/.test(value))
    throw new ApiError(RESULT.badFormat, "Call-Info/answer-after must be whole seconds");
  return Number(value);
};

export const callback: ApiHandler = ({ emulator, account, json }) => {
  const commandId = requiredString(json, "command_id");
  const extension = requiredString(objectAt(json, "from"), "extension");
  const toNumber = phoneNumber(requiredString(json, "to_number"), "to_number");
  const line = optionalString(json, "line_number");
  if (!account.users.has(extension))
    throw new ApiError(RESULT.unknownExtension, `no extension ${extension}`);
  const lineNumber = line === null ? (account.numbers[0] ?? "") : phoneNumber(line, "line_number");
  if (line !== null && !account.numbers.includes(lineNumber))
    throw new ApiError(RESULT.badParams, `${lineNumber} is not a line of this VPBX`);
  placeCallback(
    emulator,
    account,
    { extension, toNumber, lineNumber, commandId, autoAnswerSeconds: autoAnswerSeconds(json) },
    { at: emulator.clock.now(), live: true, notify: true, origin: "callback" },
  );
  return resultAnswer(RESULT.ok);
};

export const hangup: ApiHandler = ({ emulator, account, json }) => {
  const callId = requiredString(json, "call_id");
  const call = hangUpByCallId(emulator, account, callId, emulator.clock.now());
  if (!call) throw new ApiError(RESULT.unknownCall, `no live call ${callId}`);
  return resultAnswer(RESULT.ok);
};
