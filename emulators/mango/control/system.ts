// Emulator-wide control endpoints: health, reset, clock, API faults, the request log and the lockout;
// per-account event faults and the delivery log.

import { apiFaultBody, eventFaultBody } from "../control-schemas";
import { parseBody, requireAccount, type ControlHandler } from "./shared";

export { health, reset, setClock } from "../../common/control";

export const addApiFault: ControlHandler = ({ emulator, body }) => ({
  status: 201,
  body: emulator.state.apiFaults.add(parseBody(apiFaultBody, body)),
});

export const listApiFaults: ControlHandler = ({ emulator }) => ({
  body: emulator.state.apiFaults.list(),
});

export const clearApiFaults: ControlHandler = ({ emulator }) => {
  emulator.state.apiFaults.clear();
  return { body: { ok: true } };
};

export const listRequests: ControlHandler = ({ emulator, query }) => ({
  body: emulator.state.requests.list({ accountId: query.get("account_id") }),
});

export const getLockout: ControlHandler = ({ emulator }) => ({
  body: emulator.state.lockout.describe(emulator.clock.now()),
});

export const clearLockout: ControlHandler = ({ emulator }) => {
  emulator.state.lockout.clear();
  return { body: { ok: true } };
};

export const addEventFault: ControlHandler = (request) => {
  const account = requireAccount(request);
  const spec = parseBody(eventFaultBody, request.body);
  return {
    status: 201,
    body: request.emulator.state.eventFaults.add({ ...spec, account_id: account.id }),
  };
};

export const listEventFaults: ControlHandler = (request) => {
  const account = requireAccount(request);
  return {
    body: request.emulator.state.eventFaults
      .list()
      .filter((fault) => fault.account_id === account.id),
  };
};

export const clearEventFaults: ControlHandler = (request) => {
  const account = requireAccount(request);
  request.emulator.state.eventFaults.clear((fault) => fault.account_id === account.id);
  return { body: { ok: true } };
};

export const listDeliveries: ControlHandler = (request) => ({
  body: requireAccount(request).deliveries,
});
