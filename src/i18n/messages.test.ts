import {
  CallDirection,
  DealAttributionRule,
  LeadAttributionRule,
  RecordingState,
  StageGroup,
  SubscriptionPayment,
  TrafficChannel,
} from "@generated/prisma/client";
import { describe, expect, it } from "vitest";

import type { TLeadRuleHint } from "@/app/w/[slug]/leads/lead-rule-hint";
import { PERIOD_PRESETS } from "@/lib/period-presets";
import { CALL_STATUSES } from "@/server/domain/calls/call-filters";
import { CALL_CSV_COLUMNS } from "@/server/domain/calls/export-calls-csv";
import { DEAL_CSV_COLUMNS } from "@/server/domain/deals/export-deals-csv";
import { KLIENTIKS_STAGES } from "@/server/domain/deals/klientiks-funnel";
import { LEAD_CSV_COLUMNS } from "@/server/domain/leads/export-leads-csv";

import en from "../../messages/en.json";
import ru from "../../messages/ru.json";

type TMessages = { [key: string]: string | TMessages };

const keysOf = (messages: TMessages, prefix = ""): string[] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );

const placeholdersOf = (text: string) =>
  [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();

const lookUp = (messages: TMessages, path: string): string | TMessages | undefined =>
  path
    .split(".")
    .reduce<string | TMessages | undefined>(
      (node, key) => (typeof node === "object" ? node[key] : undefined),
      messages,
    );

describe("messages", () => {
  it("has the same keys in Russian and English", () => {
    expect(keysOf(en as TMessages).sort()).toEqual(keysOf(ru as TMessages).sort());
  });

  it("uses the same placeholders in both languages", () => {
    const mismatched = keysOf(ru as TMessages).filter((key) => {
      const russian = lookUp(ru as TMessages, key);
      const english = lookUp(en as TMessages, key);
      return (
        typeof russian === "string" &&
        typeof english === "string" &&
        placeholdersOf(russian).join() !== placeholdersOf(english).join()
      );
    });
    expect(mismatched).toEqual([]);
  });

  it("titles every column of the CSV exports", () => {
    for (const messages of [ru, en] as TMessages[]) {
      for (const column of DEAL_CSV_COLUMNS)
        expect(typeof lookUp(messages, `csv.deals.${column}`), `csv.deals.${column}`).toBe(
          "string",
        );
      for (const column of LEAD_CSV_COLUMNS)
        expect(typeof lookUp(messages, `csv.leads.${column}`), `csv.leads.${column}`).toBe(
          "string",
        );
      for (const column of CALL_CSV_COLUMNS)
        expect(typeof lookUp(messages, `csv.calls.${column}`), `csv.calls.${column}`).toBe(
          "string",
        );
    }
  });

  it("names every coded value the exports and tables translate", () => {
    const leadRuleHints = [
      ...Object.values(LeadAttributionRule),
      "default_source_unset",
      "default_campaign_unset",
    ] satisfies TLeadRuleHint[];
    const coded = {
      "deals.stages": KLIENTIKS_STAGES.map((stage) => stage.status),
      "deals.groups": Object.values(StageGroup),
      "deals.drawer.subscription": Object.values(SubscriptionPayment),
      "sites.channels": Object.values(TrafficChannel),
      "deals.attributionRules": Object.values(DealAttributionRule),
      // «none»: the deal was not attributed yet.
      "deals.attributionRuleHints": [...Object.values(DealAttributionRule), "none"],
      // The table's rule column and the drawer's hint both say when a default rule found no default.
      "leads.rules": leadRuleHints,
      "leads.ruleHints": leadRuleHints,
      "calls.directions": Object.values(CallDirection),
      "calls.statuses": CALL_STATUSES,
      "calls.recordingStates": Object.values(RecordingState),
      "datePicker.presets": PERIOD_PRESETS,
    };
    for (const messages of [ru, en] as TMessages[]) {
      for (const [namespace, values] of Object.entries(coded))
        for (const value of values)
          expect(typeof lookUp(messages, `${namespace}.${value}`), `${namespace}.${value}`).toBe(
            "string",
          );
    }
  });

  it("names a Klientiks status it has no word for by the status itself, never by the bare code", () => {
    for (const messages of [ru, en] as TMessages[])
      expect(placeholdersOf(String(lookUp(messages, "deals.unknownStage")))).toEqual(["status"]);
  });
});
