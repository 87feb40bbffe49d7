import { CALL_TRACKING_RULES, LEAD_ATTRIBUTION_RULES } from "@/server/domain/leads/lead-filters";

import type { TLeadDetail, TLeadRow } from "./lead-types";

/** Keys of `leads.ruleHints`: the matched rule, or a default rule that found no default to apply. */
export type TLeadRuleHint =
  TLeadDetail["attributionRule"] | "default_source_unset" | "default_campaign_unset";

/**
 * What the drawer says about how the lead was credited. A fallback rule with nothing configured
 * leaves the lead without a source or campaign (attribute-lead.ts stores null ids then); saying that
 * a default «was applied» would misstate it.
 */
export function leadRuleHint(
  lead: Pick<TLeadDetail, "attributionRule" | "sourceId" | "campaignId">,
): TLeadRuleHint {
  if (lead.attributionRule === "default_source" && lead.sourceId === null)
    return "default_source_unset";
  if (lead.attributionRule === "default_campaign" && lead.campaignId === null)
    return "default_campaign_unset";
  return lead.attributionRule;
}

/** Keys of `leads.rules` for a row of the list: a booking's hint, a call's tracking rule, or none. */
export function communicationRuleKey(
  row: Pick<TLeadRow, "kind" | "rule" | "sourceId" | "campaignId">,
): TLeadRuleHint | TCallTrackingRule | null {
  if (row.rule === null) return null;
  if (row.kind === "call" || !isLeadAttributionRule(row.rule))
    return isCallTrackingRule(row.rule) ? row.rule : null;
  return leadRuleHint({ ...row, attributionRule: row.rule });
}

type TCallTrackingRule = (typeof CALL_TRACKING_RULES)[number];
const isCallTrackingRule = (rule: string): rule is TCallTrackingRule =>
  (CALL_TRACKING_RULES as readonly string[]).includes(rule);
const isLeadAttributionRule = (rule: string): rule is TLeadDetail["attributionRule"] =>
  (LEAD_ATTRIBUTION_RULES as readonly string[]).includes(rule);
