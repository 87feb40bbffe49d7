import type { TCommunication, TTrafficFields } from "@/server/domain/analytics/communication";

/**
 * The fields that say where a visitor came from. The site is not one of them: which site was
 * visited does not say what brought the visitor there.
 */
const ORIGIN_FIELDS: readonly (keyof TTrafficFields)[] = [
  "channel",
  "sourceId",
  "campaignId",
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmContent",
  "utmTerm",
];

/**
 * Whether a communication's traffic data leaves its origin unknown (deal-attribution §4): the
 * direct channel, the workspace's declared default, or no origin field at all.
 */
export const isDirectTraffic = (communication: TCommunication): boolean =>
  communication.channel === "direct" ||
  communication.isWorkspaceDefault ||
  ORIGIN_FIELDS.every((field) => communication[field] === null);
