import type { TLeadDetail } from "./lead-types";

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
