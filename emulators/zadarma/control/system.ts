// Emulator-wide control endpoints: health, reset, clock, REST faults, the request log, the zd_echo
// utility and the autopilot switch; per-account notification faults and the delivery log.

import { autopilotBody, restFaultBody, webhookFaultBody, zdEchoBody } from "../control-schemas";
import { checkZdEcho } from "../zd-echo";
import { parseBody, requireAccount, type ControlHandler } from "./shared";

export { health, reset, setClock } from "../../common/control";

export const addRestFault: ControlHandler = ({ emulator, body }) => ({
  status: 201,
  body: emulator.state.restFaults.add(parseBody(restFaultBody, body)),
});

export const listRestFaults: ControlHandler = ({ emulator }) => ({
  body: emulator.state.restFaults.list(),
});

export const clearRestFaults: ControlHandler = ({ emulator }) => {
  emulator.state.restFaults.clear();
  return { body: { ok: true } };
};

export const listRequests: ControlHandler = ({ emulator, query }) => ({
  body: emulator.state.requests.list({ accountId: query.get("account_id") }),
});

export const zdEcho: ControlHandler = async ({ body }) => ({
  body: await checkZdEcho(parseBody(zdEchoBody, body).url),
});

export const getAutopilot: ControlHandler = ({ emulator }) => ({
  body: {
    enabled: emulator.autopilot.enabled,
    interval_seconds: emulator.autopilot.intervalMs / 1000,
  },
});

export const setAutopilot: ControlHandler = (request) => {
  const { enabled, interval_seconds: intervalSeconds } = parseBody(autopilotBody, request.body);
  const { emulator } = request;
  emulator.autopilot = {
    enabled,
    intervalMs:
      intervalSeconds !== undefined ? intervalSeconds * 1000 : emulator.autopilot.intervalMs,
  };
  emulator.onAutopilotChange();
  return getAutopilot(request);
};

export const addWebhookFault: ControlHandler = (request) => {
  const account = requireAccount(request);
  const spec = parseBody(webhookFaultBody, request.body);
  return {
    status: 201,
    body: request.emulator.state.webhookFaults.add({ ...spec, account_id: account.id }),
  };
};

export const listWebhookFaults: ControlHandler = (request) => {
  const account = requireAccount(request);
  return {
    body: request.emulator.state.webhookFaults
      .list()
      .filter((fault) => fault.account_id === account.id),
  };
};

export const clearWebhookFaults: ControlHandler = (request) => {
  const account = requireAccount(request);
  request.emulator.state.webhookFaults.clear((fault) => fault.account_id === account.id);
  return { body: { ok: true } };
};

export const listDeliveries: ControlHandler = (request) => ({
  body: requireAccount(request).deliveries,
});
