import {
  mapAppointmentToDeal,
  type TDealDraft,
  type TReferenceNames,
} from "@/server/domain/deals/map-appointment-to-deal";
import type { TKlientiksSettings } from "@/server/domain/klientiks/settings";
import {
  createKlientiksNormalizer,
  type TKlientiksAppointment,
} from "@/server/integrations/klientiks";

/** The columns of a deal that the deal settings decide; everything else depends on the appointment alone. */
export type TSettingsDependentFields = Pick<
  TDealDraft,
  | "amountMinor"
  | "services"
  | "paidBySubscription"
  | "responsibleId"
  | "responsibleName"
  | "responsibleKind"
>;

/** «Сотрудник-исполнитель / автор записи» and «Учитывать абонемент в сделке» change these columns; the time zone and the switches do not. */
export const doSettingsChangeDeals = (
  before: TKlientiksSettings,
  after: TKlientiksSettings,
): boolean =>
  before.deals.responsible !== after.deals.responsible ||
  before.deals.excludeSubscriptionVisits !== after.deals.excludeSubscriptionVisits;

/** The stored appointment of a deal (`Deal.raw`, as fetched), read back; null for a deal without one. */
export const storedAppointmentOf = (
  raw: unknown,
  settings: TKlientiksSettings,
): TKlientiksAppointment | null =>
  createKlientiksNormalizer({
    timeZone: settings.accountTimezone,
    onWarning: () => undefined,
  }).toAppointment(raw);

/**
 * A stored deal's settings-dependent columns under the current settings: the stored appointment
 * mapped again exactly as a fresh delivery maps it, so a recomputed deal equals a re-fetched one.
 */
export function recomputeDealFields(options: {
  appointment: TKlientiksAppointment;
  settings: TKlientiksSettings;
  references: TReferenceNames;
  currency: string;
}): TSettingsDependentFields {
  const {
    amountMinor,
    services,
    paidBySubscription,
    responsibleId,
    responsibleName,
    responsibleKind,
  } = mapAppointmentToDeal(options);
  return {
    amountMinor,
    services,
    paidBySubscription,
    responsibleId,
    responsibleName,
    responsibleKind,
  };
}
