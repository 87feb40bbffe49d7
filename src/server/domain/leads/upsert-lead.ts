import type { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { ensureClientByPhone } from "@/server/domain/clients/ensure-client";
import { normalizePhoneE164 } from "@/server/domain/contacts/normalize-phone";
import type { TKlientiksSettings } from "@/server/domain/klientiks/settings";
import { attributeLead } from "@/server/domain/leads/attribute-lead";
import { findAttributionCandidates } from "@/server/domain/leads/find-attribution-candidates";
import { searchTextOf } from "@/server/domain/lists/table-search";
import { findKlientiksLeadTag, type TKlientiksAppointment } from "@/server/integrations/klientiks";

export type TUpsertLeadResult = { leadId: string; outcome: "created" | "updated" };

/** A second booking from the same phone within this time is marked as a duplicate (lead-attribution §3). */
export const DUPLICATE_WINDOW_MS = 12 * 60 * 60 * 1000;
/** The tracker's session ids (track-hit-schema); anything else in `svyaz_sid` is ignored. */
const SESSION_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** klientiks-contract §13.6: the emulator keeps the widget's page parameters among the visit's dynamic fields. */
export function carriedSessionKey(appointment: TKlientiksAppointment): string | null {
  const value = appointment.dynamicFields.svyaz_sid;
  return typeof value === "string" && SESSION_KEY.test(value.trim()) ? value.trim() : null;
}

function leadContactOf(appointment: TKlientiksAppointment) {
  const client = appointment.clientLinks[0]?.client ?? null;
  return {
    client,
    name: client
      ? client.name.trim() ||
        [client.secondName, client.firstName, client.patronName].filter(Boolean).join(" ") ||
        null
      : null,
    phone: normalizePhoneE164(client?.phone),
    email: client?.email.trim().toLowerCase() || null,
    declaredSource: client?.leadSource.trim() || null,
  };
}

/**
 * The lead of one widget booking, keyed by (tenant, appointment id). Attribution and duplicate
 * marking are decided once, when the lead is created; later deliveries of the same appointment
 * refresh the contact, tags, deal link and raw payload only, so a lead never changes its source.
 */
export async function upsertLeadFromAppointment(
  db: TDb,
  options: {
    tenantId: string;
    connectionId: string;
    appointment: TKlientiksAppointment;
    settings: TKlientiksSettings;
    now?: Date;
  },
): Promise<TUpsertLeadResult> {
  const { tenantId, connectionId, appointment, settings } = options;
  const leadSettings = settings.leads;
  const externalId = String(appointment.id);
  const contact = leadContactOf(appointment);
  const tag = leadSettings.passWidgetSourceTag
    ? findKlientiksLeadTag(appointment, contact.client)
    : null;
  const common = {
    contactName: contact.name,
    contactPhone: contact.phone,
    contactEmail: contact.email,
    declaredSource: contact.declaredSource,
    tags: tag ? [tag] : [],
    searchText: searchTextOf([contact.name, contact.phone, contact.email], [contact.phone]),
    raw: appointment.raw as Prisma.InputJsonValue,
  };

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lead:${tenantId}:${externalId}`}, 0))`;
    // Two bookings from one phone are created one after the other, so the second sees the first.
    if (contact.phone)
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lead-phone:${tenantId}:${contact.phone}`}, 0))`;
    // The workspace's client of this phone (docs/clients.md), with what Klientiks says of them.
    const clientId = contact.phone
      ? await ensureClientByPhone(tx, {
          tenantId,
          phone: contact.phone,
          name: contact.name,
          email: contact.email,
          klientiksClientId: contact.client ? String(contact.client.id) : null,
        })
      : null;
    const deal = await tx.deal.findUnique({
      where: { tenantId_externalId: { tenantId, externalId } },
      select: { id: true },
    });
    const existing = await tx.lead.findUnique({
      where: { tenantId_externalId: { tenantId, externalId } },
      select: { id: true },
    });
    if (existing) {
      await tx.lead.update({
        where: { id: existing.id },
        data: { ...common, clientId, ...(deal ? { dealId: deal.id } : {}) },
      });
      return { leadId: existing.id, outcome: "updated" as const };
    }

    const bookedAt = appointment.createdAt ?? options.now ?? new Date();
    const candidates = await findAttributionCandidates(tx, {
      tenantId,
      bookedAt,
      sessionKey: carriedSessionKey(appointment),
      contact: { phone: contact.phone, email: contact.email },
      settings: leadSettings,
    });
    const { rule, ...attribution } = attributeLead({
      bookedAt,
      candidates,
      settings: leadSettings,
    });
    const original =
      leadSettings.markDuplicates && contact.phone
        ? await tx.lead.findFirst({
            where: {
              tenantId,
              contactPhone: contact.phone,
              crmCreatedAt: {
                gte: new Date(bookedAt.getTime() - DUPLICATE_WINDOW_MS),
                lte: bookedAt,
              },
            },
            orderBy: [{ crmCreatedAt: "asc" }, { id: "asc" }],
            select: { id: true, duplicateOfId: true },
          })
        : null;
    const leadId = createId("lead");
    await tx.lead.create({
      data: {
        id: leadId,
        tenantId,
        connectionId,
        externalId,
        crmCreatedAt: bookedAt,
        attributionRule: rule,
        ...attribution,
        ...common,
        clientId,
        duplicateOfId: original ? (original.duplicateOfId ?? original.id) : null,
        dealId: deal?.id ?? null,
      },
    });
    return { leadId, outcome: "created" as const };
  });
}

/** The deal of an appointment that already has a lead: the direct link (lead-attribution §4). */
export const linkLeadToDeal = (
  db: TDb,
  { tenantId, externalId, dealId }: { tenantId: string; externalId: string; dealId: string },
) =>
  db.lead.updateMany({
    where: { tenantId, externalId, OR: [{ dealId: null }, { dealId: { not: dealId } }] },
    data: { dealId },
  });
