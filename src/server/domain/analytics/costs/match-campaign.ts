export type TCampaignKeys = { id: string; name: string; utmCampaigns: string[] };

export type TCampaignMatch = { campaignId: string } | "campaignUnknown" | "campaignAmbiguous";

const keyOf = (text: string) => text.trim().toLowerCase();

/**
 * Finds the campaign a CSV row means by its name (any case) or one of its `utm_campaign` values.
 * Two campaigns of different sources may share a name or a value; such a row is refused rather
 * than charged to a guess.
 */
export function createCampaignMatcher(
  campaigns: TCampaignKeys[],
): (text: string) => TCampaignMatch {
  const idsByKey = new Map<string, Set<string>>();
  for (const campaign of campaigns)
    for (const key of [campaign.name, ...campaign.utmCampaigns].map(keyOf)) {
      const ids = idsByKey.get(key) ?? new Set<string>();
      idsByKey.set(key, ids.add(campaign.id));
    }
  return (text) => {
    const ids = [...(idsByKey.get(keyOf(text)) ?? [])];
    if (ids.length === 0) return "campaignUnknown";
    return ids.length > 1 ? "campaignAmbiguous" : { campaignId: ids[0]! };
  };
}
