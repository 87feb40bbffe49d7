import {
  compareCommunications,
  type TCommunication,
} from "@/server/domain/analytics/communication";
import { isDirectTraffic } from "@/server/domain/analytics/direct-traffic";

/** deal-attribution §5, in the order the settings screen offers them. */
export const ATTRIBUTION_MODELS = ["last_non_direct", "first", "last"] as const;

export type TAttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** deal-attribution §5: Calltouch's default. */
export const DEFAULT_ATTRIBUTION_MODEL: TAttributionModel = "last_non_direct";

/** The rules a model can end in (deal-attribution §8); the fallbacks of §7 add two more. */
export type TModelRule = TAttributionModel | "last_non_direct_fell_back_to_direct";

export type TModelChoice = { communication: TCommunication; rule: TModelRule };

/** Reductions rather than a sort: the answer is the same for any order of the input (§6). */
const earliest = (communications: readonly TCommunication[]): TCommunication | undefined =>
  communications.reduce<TCommunication | undefined>(
    (best, next) => (best && compareCommunications(best, next) <= 0 ? best : next),
    undefined,
  );

const latest = (communications: readonly TCommunication[]): TCommunication | undefined =>
  communications.reduce<TCommunication | undefined>(
    (best, next) => (best && compareCommunications(best, next) >= 0 ? best : next),
    undefined,
  );

/**
 * The communication a model credits among those that count (deal-attribution §5), or null when
 * none counts. Last non-direct falls back to the latest direct one, as Calltouch does (§1).
 */
export function chooseByModel(
  model: TAttributionModel,
  communications: readonly TCommunication[],
): TModelChoice | null {
  const choice = (communication: TCommunication | undefined, rule: TModelRule) =>
    communication ? { communication, rule } : null;
  switch (model) {
    case "first":
      return choice(earliest(communications), "first");
    case "last":
      return choice(latest(communications), "last");
    case "last_non_direct":
      return (
        choice(
          latest(communications.filter((communication) => !isDirectTraffic(communication))),
          "last_non_direct",
        ) ?? choice(latest(communications), "last_non_direct_fell_back_to_direct")
      );
  }
}
