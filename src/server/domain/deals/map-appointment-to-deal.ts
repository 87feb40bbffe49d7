import { normalizePhoneE164 } from "@/server/domain/contacts/normalize-phone";
import { stageForStatus, type TStageGroup } from "@/server/domain/deals/klientiks-funnel";
import type { TKlientiksSettings } from "@/server/domain/klientiks/settings";
import { searchTextOf } from "@/server/domain/lists/table-search";
import type {
  TKlientiksAppointment,
  TKlientiksClient,
  TKlientiksDynamicFields,
} from "@/server/integrations/klientiks";

export type TDealContact = {
  klientiksClientId: number;
  name: string;
  phone: string | null;
  email: string | null;
  leadSource: string | null;
};
export type TDealServiceLine = {
  serviceId: number | null;
  name: string;
  amountMinor: number;
  isPaidBySubscription: boolean;
};

/** Everything a deal row holds, computed from one appointment; pure, so it is unit-tested per rule. */
export type TDealDraft = {
  externalId: string;
  name: string;
  amountMinor: number;
  currency: string;
  status: string;
  stage: string;
  stageGroup: TStageGroup;
  stageOrder: number;
  visitStartAt: Date | null;
  visitEndAt: Date | null;
  crmCreatedAt: Date | null;
  crmModifiedAt: Date | null;
  isSale: boolean;
  isOnlineBooking: boolean;
  paidBySubscription: "none" | "partial" | "full";
  responsibleId: string | null;
  responsibleName: string | null;
  responsibleKind: "executor" | "author";
  contacts: TDealContact[];
  services: TDealServiceLine[];
  customFields: { appointment: TKlientiksDynamicFields; client: TKlientiksDynamicFields };
  searchText: string;
};

export type TReferenceNames = {
  employees: ReadonlyMap<number, string>;
  services: ReadonlyMap<number, string>;
};

const toMinor = (roubles: number): number => Math.round(roubles * 100);

const toContact = (clientId: number, client: TKlientiksClient | undefined): TDealContact => ({
  klientiksClientId: clientId,
  name:
    client?.name.trim() ||
    [client?.secondName, client?.firstName, client?.patronName].filter(Boolean).join(" "),
  phone: normalizePhoneE164(client?.phone),
  email: client?.email.trim().toLowerCase() || null,
  leadSource: client?.leadSource.trim() || null,
});

/** klientiks-contract §14: the author falls back to the executor. */
const responsibleOf = (appointment: TKlientiksAppointment, settings: TKlientiksSettings) =>
  settings.deals.responsible === "author"
    ? (appointment.authorId ?? appointment.executorId)
    : appointment.executorId;

/** The employees and services whose names mapping these appointments needs: the responsible, and lines without a name. */
export function referenceIdsOf(
  appointments: TKlientiksAppointment[],
  settings: TKlientiksSettings,
): { employeeIds: number[]; serviceIds: number[] } {
  const employeeIds = new Set<number>();
  const serviceIds = new Set<number>();
  for (const appointment of appointments) {
    const responsibleId = responsibleOf(appointment, settings);
    if (responsibleId !== null) employeeIds.add(responsibleId);
    for (const line of appointment.services)
      if (!line.name.trim() && line.serviceId !== null) serviceIds.add(line.serviceId);
  }
  return { employeeIds: [...employeeIds], serviceIds: [...serviceIds] };
}

/**
 * Maps a fetched appointment to a deal (klientiks-contract §9–§11, §14). Amount = Σ line prices;
 * with «Учитывать абонемент в сделке» on, lines paid by a subscription count as 0 (§11.3).
 */
export function mapAppointmentToDeal(options: {
  appointment: TKlientiksAppointment;
  settings: TKlientiksSettings;
  references: TReferenceNames;
  currency: string;
}): TDealDraft {
  const { appointment, settings, references, currency } = options;
  const services = appointment.services.map((line) => ({
    serviceId: line.serviceId,
    name:
      line.name.trim() ||
      (line.serviceId !== null ? (references.services.get(line.serviceId) ?? "") : ""),
    amountMinor:
      line.isPaidBySubscription && settings.deals.excludeSubscriptionVisits
        ? 0
        : toMinor(line.price),
    isPaidBySubscription: line.isPaidBySubscription,
  }));
  const paidLines = services.filter((line) => line.isPaidBySubscription).length;
  const contacts = appointment.clientLinks.map((link) => toContact(link.clientId, link.client));
  if (contacts.length === 0 && appointment.clientId !== null)
    contacts.push(toContact(appointment.clientId, undefined));
  const responsibleId = responsibleOf(appointment, settings);
  const serviceNames = services.map((line) => line.name).filter(Boolean);
  const name =
    serviceNames.length > 0
      ? serviceNames.join(", ")
      : `${appointment.isSale ? "Продажа" : "Визит"} №${appointment.id}`;
  const stage = stageForStatus(appointment.status);
  const primaryClient = appointment.clientLinks[0]?.client;
  return {
    externalId: String(appointment.id),
    name,
    amountMinor: services.reduce((sum, line) => sum + line.amountMinor, 0),
    currency,
    status: appointment.status,
    stage: stage.stage,
    stageGroup: stage.group,
    stageOrder: stage.order,
    visitStartAt: appointment.startAt,
    visitEndAt: appointment.finishAt,
    crmCreatedAt: appointment.createdAt,
    crmModifiedAt: appointment.modifiedAt,
    isSale: appointment.isSale,
    isOnlineBooking: appointment.appointmentSource === "online_widget",
    paidBySubscription:
      paidLines === 0 ? "none" : paidLines === services.length ? "full" : "partial",
    responsibleId: responsibleId === null ? null : String(responsibleId),
    responsibleName:
      responsibleId === null ? null : (references.employees.get(responsibleId) ?? null),
    responsibleKind: settings.deals.responsible,
    contacts,
    services,
    customFields: {
      appointment: appointment.dynamicFields,
      client: primaryClient?.dynamicFields ?? {},
    },
    searchText: searchTextOf(
      [name, ...contacts.flatMap((contact) => [contact.name, contact.phone, contact.email])],
      contacts.map((contact) => contact.phone),
    ),
  };
}
