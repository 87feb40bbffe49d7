import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import {
  NO_CARD_HISTORY,
  summariseHistoryForCard,
  type TCallCardHistory,
  type TCallDirection,
  type TCallDisposition,
} from "@/server/domain/calls/call-card-history";
import {
  decideCallCardRecipients,
  isCallCardLive,
  readPopupSetting,
} from "@/server/domain/calls/call-card-rules";
import { findClientHistory } from "@/server/domain/clients/client-history";
import { buildKlientiksClientUrl } from "@/server/domain/klientiks/client-card-url";
import { parseKlientiksSettings } from "@/server/domain/klientiks/settings";
import { publishRealtimeEvents } from "@/server/realtime/publish";
import type { TRealtimeEventInput } from "@/server/realtime/realtime-event";

/** Topics of the live events a call change makes (docs/realtime.md). */
export const CALL_CARD_TOPIC = "call.card";
export const CALLS_CHANGED_TOPIC = "calls.changed";

/**
 * What the card on an incoming call shows (issue 9 §6); times are ISO strings, the card travels as JSON.
 * `client` is null for a caller no client of the workspace has the phone of.
 */
export type TCallCard = {
  callId: string;
  state: "ringing" | "answered" | "ended";
  direction: TCallDirection;
  /** The outside party (E.164 or as the provider gave it). */
  phone: string | null;
  companyNumber: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  disposition: TCallDisposition | null;
  /** The extension that answered, else the last one rung, and the member mapped to it. */
  extension: string | null;
  memberName: string | null;
  client: {
    id: string;
    name: string | null;
    klientiksClientId: string | null;
    klientiksUrl: string | null;
  } | null;
} & TCallCardHistory;

/** The client of the call: the one the calls domain matched, else the workspace's client with the caller's phone. */
async function findCallClientId(
  db: TDbClient,
  {
    tenantId,
    clientId,
    phone,
  }: { tenantId: string; clientId: string | null; phone: string | null },
): Promise<string | null> {
  if (clientId || !phone) return clientId;
  return (
    (await db.client.findFirst({ where: { tenantId, phone }, select: { id: true } }))?.id ?? null
  );
}

async function findMemberName(
  db: TDbClient,
  {
    tenantId,
    connectionId,
    extension,
  }: { tenantId: string; connectionId: string; extension: string | null },
): Promise<string | null> {
  if (!extension) return null;
  const mapped = await db.telephonyExtension.findFirst({
    where: { tenantId, connectionId, extension },
    select: { membershipId: true },
  });
  if (!mapped?.membershipId) return null;
  const membership = await db.membership.findFirst({
    where: { tenantId, id: mapped.membershipId },
    select: { user: { select: { name: true } } },
  });
  return membership?.user.name ?? null;
}

/** The Klientiks link of a client, when the workspace has a Klientiks connection (its template setting). */
async function findKlientiksLink(
  db: TDbClient,
  {
    tenantId,
    klientiksClientId,
    klientiksBaseUrl,
  }: { tenantId: string; klientiksClientId: string | null; klientiksBaseUrl: string },
): Promise<string | null> {
  if (!klientiksClientId) return null;
  const connection = await db.connection.findFirst({
    where: { tenantId, kind: "klientiks" },
    select: { externalAccount: true, settings: true },
  });
  if (!connection) return null;
  const { clientCardUrlTemplate } = parseKlientiksSettings(connection.settings);
  return buildKlientiksClientUrl(clientCardUrlTemplate, {
    baseUrl: klientiksBaseUrl,
    clientId: klientiksClientId,
    accountId: connection.externalAccount,
  });
}

export type TBuildCallCardOptions = {
  tenantId: string;
  callId: string;
  /** KLIENTIKS_BASE_URL: `{base}` of the Klientiks link template. */
  klientiksBaseUrl: string;
  now?: Date;
};

const CALL_SELECT = {
  id: true,
  connectionId: true,
  state: true,
  direction: true,
  clientPhone: true,
  companyNumber: true,
  startedAt: true,
  answeredAt: true,
  endedAt: true,
  disposition: true,
  extension: true,
  clientId: true,
  connection: { select: { settings: true } },
} as const;

const findCall = (db: TDbClient, { tenantId, callId }: { tenantId: string; callId: string }) =>
  db.call.findFirst({ where: { tenantId, id: callId }, select: CALL_SELECT });

type TCardCall = NonNullable<Awaited<ReturnType<typeof findCall>>>;

async function toCallCard(
  db: TDbClient,
  call: TCardCall,
  { tenantId, klientiksBaseUrl, now }: { tenantId: string; klientiksBaseUrl: string; now: Date },
): Promise<TCallCard> {
  const clientId = await findCallClientId(db, {
    tenantId,
    clientId: call.clientId,
    phone: call.clientPhone,
  });
  const [history, memberName] = await Promise.all([
    clientId ? findClientHistory(db, { tenantId, clientId }) : null,
    findMemberName(db, { tenantId, connectionId: call.connectionId, extension: call.extension }),
  ]);
  const client = history?.client ?? null;
  const klientiksUrl = client
    ? await findKlientiksLink(db, {
        tenantId,
        klientiksClientId: client.klientiksClientId,
        klientiksBaseUrl,
      })
    : null;
  return {
    callId: call.id,
    state: call.state,
    direction: call.direction,
    phone: call.clientPhone,
    companyNumber: call.companyNumber,
    startedAt: call.startedAt.toISOString(),
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    disposition: call.disposition,
    extension: call.extension,
    memberName,
    client: client && {
      id: client.id,
      name: client.name,
      klientiksClientId: client.klientiksClientId,
      klientiksUrl,
    },
    ...(history
      ? summariseHistoryForCard(history, { callId: call.id, callStartedAt: call.startedAt, now })
      : NO_CARD_HISTORY),
  };
}

/** The card of a call of the workspace, or null when the workspace has no such call. */
export async function buildCallCard(
  db: TDbClient,
  { tenantId, callId, klientiksBaseUrl, now = new Date() }: TBuildCallCardOptions,
): Promise<TCallCard | null> {
  const call = await findCall(db, { tenantId, callId });
  return call && toCallCard(db, call, { tenantId, klientiksBaseUrl, now });
}

/**
 * The members the call rang (every extension its events name, and the call's own), as mapped in
 * Settings → Telephony, that are still members of the workspace.
 */
async function findRungMembershipIds(
  db: TDbClient,
  {
    tenantId,
    callId,
    connectionId,
    extension,
  }: { tenantId: string; callId: string; connectionId: string; extension: string | null },
): Promise<string[]> {
  const events = await db.callEvent.findMany({
    where: { tenantId, callId, extension: { not: null } },
    distinct: ["extension"],
    select: { extension: true },
  });
  const extensions = [
    ...new Set(
      [extension, ...events.map((event) => event.extension)].filter((value): value is string =>
        Boolean(value),
      ),
    ),
  ];
  if (extensions.length === 0) return [];
  const mapped = await db.telephonyExtension.findMany({
    where: { tenantId, connectionId, extension: { in: extensions }, membershipId: { not: null } },
    select: { membershipId: true },
  });
  const memberships = await db.membership.findMany({
    where: { tenantId, id: { in: mapped.map((row) => row.membershipId!) } },
    select: { id: true },
  });
  return memberships.map((membership) => membership.id);
}

/**
 * Announces a change of a call (docs/realtime.md): `calls.changed` to every member (live tables), and
 * while the call is live, its card (`call.card`) to the members the popup setting names. Call after
 * the change is committed (the inbox worker does, after each applied event).
 */
export async function publishCallCard(
  db: TDb,
  { tenantId, callId, klientiksBaseUrl, now = new Date() }: TBuildCallCardOptions,
): Promise<{ card: TCallCard | null; recipients: string[] | "everyone" }> {
  const call = await findCall(db, { tenantId, callId });
  if (!call) return { card: null, recipients: [] };
  const events: TRealtimeEventInput[] = [
    { tenantId, membershipId: null, topic: CALLS_CHANGED_TOPIC, payload: { callId } },
  ];
  if (!isCallCardLive(call, now)) {
    await publishRealtimeEvents(db, events);
    return { card: null, recipients: [] };
  }
  const [card, rungMembershipIds] = await Promise.all([
    toCallCard(db, call, { tenantId, klientiksBaseUrl, now }),
    findRungMembershipIds(db, {
      tenantId,
      callId,
      connectionId: call.connectionId,
      extension: call.extension,
    }),
  ]);
  const recipients = decideCallCardRecipients({
    popup: readPopupSetting(call.connection.settings),
    direction: call.direction,
    rungMembershipIds,
  });
  const cardEvent = { tenantId, topic: CALL_CARD_TOPIC, payload: card };
  if (recipients === "everyone") events.push({ ...cardEvent, membershipId: null });
  else events.push(...recipients.map((membershipId) => ({ ...cardEvent, membershipId })));
  await publishRealtimeEvents(db, events);
  return { card, recipients };
}
