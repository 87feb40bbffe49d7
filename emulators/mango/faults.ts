// Injected faults, in two lists built on the Zadarma emulator's fault list: API faults (emulator-wide,
// matched by command and account) and event faults (per account, matched by event path). `times`
// bounds how often one fires, `probability` draws from the seeded generator.

import { createFaultList, type FaultList } from "../zadarma/faults";
import type { Random } from "../zadarma/random";
import type { ApiFaultSpec, EventFaultSpec } from "./control-schemas";

export type { FaultEntry } from "../zadarma/faults";

/** An API request as faults see it: the command path without `/vpbx/` (`commands/callback`). */
export type ApiFaultTarget = { command: string; accountId: string | null };

export const matchesApiFault = (spec: ApiFaultSpec, target: ApiFaultTarget): boolean => {
  const { command, account_id: accountId } = spec.match ?? {};
  const commandMatches =
    command === undefined || command.replace(/^\/?(vpbx\/)?|\/$/g, "") === target.command;
  return commandMatches && (accountId === undefined || accountId === target.accountId);
};

/** These answer the request themselves; faults added after them wait for the next request. */
export const isFinalApiFault = (spec: ApiFaultSpec): boolean =>
  spec.mode === "http_error" || spec.mode === "limit" || spec.mode === "hang";

export type AccountEventFault = EventFaultSpec & { account_id: string };

export type EventFaultTarget = { accountId: string; path: string };

export const matchesEventFault = (spec: AccountEventFault, target: EventFaultTarget): boolean =>
  spec.account_id === target.accountId && (spec.path === undefined || spec.path === target.path);

export type ApiFaults = FaultList<ApiFaultSpec, ApiFaultTarget>;
export type EventFaults = FaultList<AccountEventFault, EventFaultTarget>;

export const createApiFaults = (random: Random, nextId: () => number): ApiFaults =>
  createFaultList(random, nextId, matchesApiFault, isFinalApiFault);

export const createEventFaults = (random: Random, nextId: () => number): EventFaults =>
  createFaultList(random, nextId, matchesEventFault);
