// Injected faults, in two lists: REST faults (emulator-wide, matched by method and account) and
// notification faults (per account, matched by event). Faults are checked in the order they were added;
// `times` bounds how often one fires and `probability` draws from the seeded generator.

import type { RestFaultSpec, WebhookFaultSpec } from "./control-schemas";
import type { Random } from "./random";

export type FaultEntry<Spec> = Spec & { id: number; fired: number };

export type FaultList<Spec, Target> = {
  add(spec: Spec): FaultEntry<Spec>;
  list(): FaultEntry<Spec>[];
  /** Removes every fault, or those `which` selects. */
  clear(which?: (entry: FaultEntry<Spec>) => boolean): void;
  /** The faults that match `target` and fire now, in the order they were added, up to the first final one. */
  fire(target: Target): FaultEntry<Spec>[];
};

type Countable = { times?: number | undefined; probability?: number | undefined };

export const createFaultList = <Spec extends Countable, Target>(
  random: Random,
  nextId: () => number,
  matches: (spec: Spec, target: Target) => boolean,
  /** A fault after which no later one applies (it answers the request itself). */
  isFinal: (spec: Spec) => boolean = () => false,
): FaultList<Spec, Target> => {
  let entries: FaultEntry<Spec>[] = [];
  const fires = (entry: FaultEntry<Spec>): boolean => {
    if (entry.times !== undefined && entry.fired >= entry.times) return false;
    if (entry.probability !== undefined && random.next() >= entry.probability) return false;
    entry.fired += 1;
    return true;
  };
  return {
    add: (spec) => {
      const entry = { ...spec, id: nextId(), fired: 0 };
      entries.push(entry);
      return entry;
    },
    list: () => entries,
    clear: (which) => {
      entries = which ? entries.filter((entry) => !which(entry)) : [];
    },
    fire: (target) => {
      const fired: FaultEntry<Spec>[] = [];
      for (const entry of entries) {
        if (!matches(entry, target) || !fires(entry)) continue;
        fired.push(entry);
        if (isFinal(entry)) break;
      }
      return fired;
    },
  };
};

/** A REST request as faults see it: the method path without `/v1/` and slashes (`request/callback`). */
export type RestFaultTarget = { method: string; accountId: string | null };

export const matchesRestFault = (spec: RestFaultSpec, target: RestFaultTarget): boolean => {
  const { method, account_id: accountId } = spec.match ?? {};
  const methodMatches =
    method === undefined || method.replace(/^\/?(v1\/)?|\/$/g, "") === target.method;
  return methodMatches && (accountId === undefined || accountId === target.accountId);
};

/** Notification faults belong to one account (`/__control/accounts/:account/webhook-faults`). */
export type AccountWebhookFault = WebhookFaultSpec & { account_id: string };

/** `call`: the first notification of a call asks whether to hold it for reordering; `delivery`: every other mode. */
/** These answer the request themselves; faults added after them wait for the next request. */
export const isFinalRestFault = (spec: RestFaultSpec): boolean =>
  spec.mode === "http_error" || spec.mode === "rate_limit" || spec.mode === "hang";

export type WebhookFaultTarget = { accountId: string; event: string; kind: "call" | "delivery" };

export const matchesWebhookFault = (
  spec: AccountWebhookFault,
  target: WebhookFaultTarget,
): boolean =>
  spec.account_id === target.accountId &&
  (spec.event === undefined || spec.event === target.event) &&
  (spec.mode === "reorder") === (target.kind === "call");

export type RestFaults = FaultList<RestFaultSpec, RestFaultTarget>;
export type WebhookFaults = FaultList<AccountWebhookFault, WebhookFaultTarget>;
