// Injected faults for the REST API (klientiks-contract §17.3). Faults are checked in the order they
// were added; `times` bounds how often one fires and `probability` draws from the seeded generator.
// A request collects every latency and modifier that fires and stops at the first terminal fault.

import type { FaultSpec } from "./control-schemas";
import type { Random } from "./random";
import type { EmptyItems } from "./types";

export type FaultEntry = FaultSpec & { id: number; fired: number };

export type FaultTarget = {
  action: string;
  model: string | null;
  httpMethod: string;
  accountId: string | null;
};

type TerminalMode = "http_error" | "rate_limit" | "hang" | "drop_connection" | "auth_error";

export type TerminalFault = Extract<FaultSpec, { mode: TerminalMode }>;

/** What the matching faults do to one request. */
export type FaultPlan = {
  latencyMs: number;
  terminal: TerminalFault | null;
  noData: EmptyItems | null;
  statusTrueWithErrors: boolean;
  unknownStatus: string | null;
  malformedJson: boolean;
  /** Modes that fired, for the request log. */
  fired: string[];
};

export type FaultStore = {
  add(spec: FaultSpec): FaultEntry;
  list(): FaultEntry[];
  clear(): void;
  plan(target: FaultTarget): FaultPlan;
};

const sameText = (expected: string | undefined, actual: string | null): boolean =>
  expected === undefined || (actual !== null && expected.toLowerCase() === actual.toLowerCase());

const matches = (entry: FaultEntry, target: FaultTarget): boolean => {
  const match = entry.match ?? {};
  return (
    sameText(match.action, target.action) &&
    sameText(match.model, target.model) &&
    sameText(match.http_method, target.httpMethod) &&
    (match.account_id === undefined || match.account_id === target.accountId)
  );
};

const isTerminal = (spec: FaultSpec): spec is TerminalFault =>
  spec.mode === "http_error" ||
  spec.mode === "rate_limit" ||
  spec.mode === "hang" ||
  spec.mode === "drop_connection" ||
  spec.mode === "auth_error";

export const createFaultStore = (random: Random, nextId: () => number): FaultStore => {
  let entries: FaultEntry[] = [];

  const fires = (entry: FaultEntry): boolean => {
    if (entry.times !== undefined && entry.fired >= entry.times) return false;
    if (entry.probability !== undefined && random.next() >= entry.probability) return false;
    entry.fired += 1;
    return true;
  };

  return {
    add: (spec) => {
      const entry: FaultEntry = { ...spec, id: nextId(), fired: 0 };
      entries.push(entry);
      return entry;
    },
    list: () => entries,
    clear: () => {
      entries = [];
    },
    plan: (target) => {
      const plan: FaultPlan = {
        latencyMs: 0,
        terminal: null,
        noData: null,
        statusTrueWithErrors: false,
        unknownStatus: null,
        malformedJson: false,
        fired: [],
      };
      for (const entry of entries) {
        if (!matches(entry, target) || !fires(entry)) continue;
        plan.fired.push(entry.mode);
        if (isTerminal(entry)) {
          plan.terminal = entry;
          break;
        }
        if (entry.mode === "latency") plan.latencyMs += entry.ms;
        else if (entry.mode === "no_data") plan.noData = entry.as ?? "string";
        else if (entry.mode === "status_true_with_errors") plan.statusTrueWithErrors = true;
        else if (entry.mode === "unknown_status") plan.unknownStatus = entry.value;
        else plan.malformedJson = true;
      }
      return plan;
    },
  };
};
