// Clients (klientiks-contract §9.1): creation fires «Добавление клиента», every change bumps `modified`.

import type { Emulator } from "./emulator";
import { normalizePhone, phoneFormatErrors } from "./phone";
import type { Account, Client, DynamicFields, FieldErrors } from "./types";
import { clientEventContext } from "./webhook-context";

/** An omitted field stays unset (`null` on the wire, see `Client`); `""` is a blank one. */
export type ClientFields = {
  firstName: string;
  secondName?: string | null;
  patronName?: string | null;
  phone: string;
  birthDate?: string | null;
  clientGroups?: string | null;
  failedPush?: boolean | null;
  number?: number | null;
  authorId?: number | null;
  /** `email`, `lead_source`, `client_memo` and any custom field live here (klientiks-contract §9.1). */
  dynamicFields?: DynamicFields;
};

export type ClientChanges = Partial<Omit<ClientFields, "authorId">> & {
  deleted?: boolean;
  blocked?: boolean;
};

const nonEmpty = (fields: DynamicFields | undefined | null): DynamicFields | null =>
  fields && Object.keys(fields).length > 0 ? fields : null;

export const findClientByPhone = (account: Account, phone: string): Client | undefined => {
  const normalized = normalizePhone(phone);
  return Array.from(account.clients.values()).find(
    (client) => !client.deleted && client.phone === normalized,
  );
};

/** A phone that is malformed or already belongs to another client; `self` is the client being edited. */
export const findPhoneErrors = (
  account: Account,
  phone: string,
  self: Client | null,
): FieldErrors => {
  const formatErrors = phoneFormatErrors(phone);
  if (Object.keys(formatErrors).length > 0) return formatErrors;
  const owner = findClientByPhone(account, phone);
  return owner && owner !== self ? { phone: ["Клиент с таким телефоном уже существует"] } : {};
};

export const createClient = (
  emulator: Emulator,
  account: Account,
  fields: ClientFields,
  { fireWebhooks, at = emulator.clock.now() }: { fireWebhooks: boolean; at?: number },
): Client => {
  const client: Client = {
    id: emulator.state.nextId("client"),
    firstName: fields.firstName.trim(),
    patronName: fields.patronName?.trim() ?? null,
    secondName: fields.secondName?.trim() ?? null,
    phone: normalizePhone(fields.phone),
    birthDate: fields.birthDate ?? null,
    clientGroups: fields.clientGroups ?? null,
    failedPush: fields.failedPush ?? null,
    number: fields.number ?? null,
    authorId: fields.authorId ?? null,
    deleted: false,
    blocked: false,
    dynamicFields: nonEmpty(fields.dynamicFields),
    created: at,
    modified: at,
  };
  account.clients.set(client.id, client);
  if (fireWebhooks)
    emulator.state.webhooks.fire(account, "client_created", clientEventContext(account, client));
  return client;
};

/** Applies the given fields; dynamic fields are merged into the existing ones. */
export const updateClient = (emulator: Emulator, client: Client, changes: ClientChanges): void => {
  if (changes.firstName !== undefined) client.firstName = changes.firstName.trim();
  if (changes.secondName !== undefined) client.secondName = changes.secondName?.trim() ?? null;
  if (changes.patronName !== undefined) client.patronName = changes.patronName?.trim() ?? null;
  if (changes.phone !== undefined) client.phone = normalizePhone(changes.phone);
  if (changes.birthDate !== undefined) client.birthDate = changes.birthDate;
  if (changes.clientGroups !== undefined) client.clientGroups = changes.clientGroups;
  if (changes.failedPush !== undefined) client.failedPush = changes.failedPush;
  if (changes.number !== undefined) client.number = changes.number;
  if (changes.deleted !== undefined) client.deleted = changes.deleted;
  if (changes.blocked !== undefined) client.blocked = changes.blocked;
  if (changes.dynamicFields !== undefined) {
    client.dynamicFields = nonEmpty({ ...client.dynamicFields, ...changes.dynamicFields });
  }
  client.modified = emulator.clock.now();
};
