// Emulator-wide control endpoints (klientiks-contract §17.3): health, reset, clock, faults, request
// log and per-account statistics.

import { clockBody, faultBody, resetBody } from "../../control-schemas";
import { DEFAULT_TIMEZONE, localDateTimeToEpoch, normalizeNaiveDateTime } from "../../datetime";
import { ControlError, parseBody, type ControlHandler } from "./shared";

export const health: ControlHandler = ({ emulator }) => ({
  body: { ok: true, accounts: emulator.state.accounts.size },
});

export const reset: ControlHandler = ({ emulator, body }) => {
  const { seed } = parseBody(resetBody, body);
  emulator.reset(seed);
  return { body: { ok: true } };
};

const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** A naive value is Moscow time (the default account zone); ISO values with an offset are honoured. */
const parseClockValue = (value: string): number => {
  const naive = normalizeNaiveDateTime(value);
  const epochMs =
    naive !== null
      ? localDateTimeToEpoch(naive, DEFAULT_TIMEZONE)
      : HAS_OFFSET.test(value)
        ? Date.parse(value)
        : NaN;
  if (Number.isNaN(epochMs)) throw new ControlError(400, `Cannot read "${value}" as a datetime`);
  return epochMs;
};

export const setClock: ControlHandler = ({ emulator, body }) => {
  const { now } = parseBody(clockBody, body);
  emulator.clock.fix(now === null ? null : parseClockValue(now));
  return { body: { now: new Date(emulator.clock.now()).toISOString(), fixed: now !== null } };
};

export const addFault: ControlHandler = ({ emulator, body }) => ({
  status: 201,
  body: emulator.state.faults.add(parseBody(faultBody, body)),
});

export const listFaults: ControlHandler = ({ emulator }) => ({
  body: emulator.state.faults.list(),
});

export const clearFaults: ControlHandler = ({ emulator }) => {
  emulator.state.faults.clear();
  return { body: { ok: true } };
};

export const listRequests: ControlHandler = ({ emulator, query }) => ({
  body: emulator.state.requests.list({ accountId: query.get("account_id") }),
});

export const stats: ControlHandler = ({ emulator }) => ({
  body: { accounts: emulator.state.stats.snapshot() },
});
