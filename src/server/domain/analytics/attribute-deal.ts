import {
  chooseByModel,
  type TAttributionModel,
  type TModelRule,
} from "@/server/domain/analytics/attribution-models";
import { filterCountingCommunications } from "@/server/domain/analytics/attribution-window";
import {
  NO_TRAFFIC_FIELDS,
  trafficFieldsOf,
  type TCommunication,
  type TCommunicationKind,
  type TTrafficFields,
} from "@/server/domain/analytics/communication";
import {
  mapLeadSource,
  type TLeadSourceMapping,
} from "@/server/domain/analytics/lead-source-mapping";

export type TDealAttributionRule = TModelRule | "client_lead_source" | "undetermined";

export type TDealToAttribute = {
  id: string;
  /** When the deal was created: the appointment's creation in Klientiks (deal-attribution §9). */
  createdAt: Date;
  /** The Klientiks client's own «источник клиента», as typed there; null when there is none. */
  clientLeadSource: string | null;
};

export type TAttributionSettings = {
  model: TAttributionModel;
  windowDays: number;
  leadSourceMapping: TLeadSourceMapping;
};

/** What the deal row keeps (deal-attribution §8). */
export type TDealAttribution = TTrafficFields & {
  rule: TDealAttributionRule;
  credited: { kind: TCommunicationKind; id: string } | null;
  /** The client's `lead_source` the fallback looked at; null when a communication was credited. */
  leadSource: string | null;
};

/**
 * Credits a deal to one communication of its client by the workspace's model, within the window,
 * else to the client's declared source through the mapping table, else to nothing («Не определён»).
 * Pure; the whole definition is docs/deal-attribution.md.
 */
export function attributeDeal(input: {
  deal: TDealToAttribute;
  communications: readonly TCommunication[];
  settings: TAttributionSettings;
}): TDealAttribution {
  const { deal, communications, settings } = input;
  const counting = filterCountingCommunications({
    deal,
    communications,
    windowDays: settings.windowDays,
  });
  const choice = chooseByModel(settings.model, counting);
  if (choice) {
    const { communication, rule } = choice;
    return {
      ...trafficFieldsOf(communication),
      rule,
      credited: { kind: communication.kind, id: communication.id },
      leadSource: null,
    };
  }
  const leadSource = deal.clientLeadSource?.trim() || null;
  const mapped = mapLeadSource(leadSource, settings.leadSourceMapping);
  return {
    ...NO_TRAFFIC_FIELDS,
    ...(mapped && { sourceId: mapped.sourceId, channel: mapped.channel }),
    rule: mapped ? "client_lead_source" : "undetermined",
    credited: null,
    leadSource,
  };
}
