// Calls: place a live or scripted incoming call, list them, and drive a live call by hand (answer,
// decline, hang up as an extension; the caller or a callback's client hangs up or answers).

import { describeCall } from "../call-view";
import { callActionBody, callBody } from "../control-schemas";
import {
  callerHangsUp,
  clientAnswers,
  clientDeclines,
  clientHangsUp,
  extensionAnswers,
  extensionHangsUp,
  PbxError,
} from "../pbx";
import { placeControlCall, ScenarioError } from "../scenarios";
import {
  ControlError,
  parseBody,
  requireAccount,
  requireCall,
  type ControlHandler,
} from "./shared";

export const createCallRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const spec = parseBody(callBody, request.body);
  try {
    const call = placeControlCall(request.emulator, account, spec);
    return { status: 201, body: describeCall(account, call) };
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof PbxError)
      throw new ControlError(400, error.message);
    throw error;
  }
};

export const listCallsRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  return { body: Array.from(account.calls.values()).map((call) => describeCall(account, call)) };
};

export const getCallRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  return { body: describeCall(account, requireCall(account, request.params.call)) };
};

export const callActionRoute: ControlHandler = (request) => {
  const { emulator } = request;
  const account = requireAccount(request);
  const call = requireCall(account, request.params.call);
  const { action, extension } = parseBody(callActionBody, request.body);
  const at = emulator.clock.now();
  const needExtension = (): string => {
    const value = extension ?? (call.direction === "out" ? call.fromExtension : null);
    if (!value) throw new ControlError(400, `${action} needs extension`);
    return value;
  };
  try {
    if (action === "answer") extensionAnswers(emulator, account, call, needExtension(), at);
    else if (action === "decline" || action === "hangup")
      extensionHangsUp(emulator, account, call, needExtension(), at);
    else if (action === "client_answer") clientAnswers(emulator, account, call, at);
    else if (action === "client_decline") clientDeclines(emulator, account, call, at);
    else if (action === "client_hangup") clientHangsUp(emulator, account, call, at);
    else if (call.direction === "in") callerHangsUp(emulator, account, call, at);
    else throw new ControlError(400, "caller_hangup is for incoming calls; use client_hangup");
  } catch (error) {
    if (error instanceof PbxError) throw new ControlError(409, error.message);
    throw error;
  }
  return { body: describeCall(account, call) };
};
