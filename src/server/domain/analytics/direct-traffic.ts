import type { TCommunication } from "@/server/domain/analytics/communication";

/**
 * Whether a communication's traffic data leaves its origin unknown (deal-attribution §4): the
 * direct channel, no traffic data at all, or the workspace's declared default. The site is not
 * looked at: which site was visited does not say what brought the visitor there.
 */
export function isDirectTraffic(communication: TCommunication): boolean {
  if (communication.channel === "direct" || communication.isWorkspaceDefault) return true;
  const { channel, sourceId, campaignId, utmSource, utmMedium, utmCampaign, utmContent, utmTerm } =
    communication;
  return [
    channel,
    sourceId,
    campaignId,
    utmSource,
    utmMedium,
    utmCampaign,
    utmContent,
    utmTerm,
  ].every((value) => value === null);
}
