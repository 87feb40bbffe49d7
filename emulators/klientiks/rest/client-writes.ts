// `add …/m/Clients` and `edit …/m/Clients` (klientiks-contract §8.1 (13), (14)).

import { accountOwnerId } from "../accounts";
import { createClient, findPhoneErrors, updateClient, type ClientChanges } from "../clients";
import { serializeClient } from "../serialize";
import type { Account, Client, DynamicFields, FieldErrors } from "../types";
import type { RestHandler } from "./context";
import { clientWriteEnvelope, hasErrors } from "./envelopes";
import { formBoolean, formInteger, formText, parseBirthDate, requiredMessage } from "./form";

/** Form fields that are dynamic fields on the client object (klientiks-contract §9.1). */
const DYNAMIC_TEXT_FIELDS = ["email", "lead_source", "client_memo", "living_address"] as const;

type ParsedClientForm = { changes: ClientChanges; errors: FieldErrors };

/**
 * Shared by add and edit; `self` is the client being edited. `sex` (1/0 or male/female, §7) is
 * accepted and ignored: the captured client object has no such key.
 */
const parseClientForm = (
  account: Account,
  form: URLSearchParams,
  self: Client | null,
): ParsedClientForm => {
  const errors: FieldErrors = {};
  const changes: ClientChanges = {};
  const creating = self === null;

  const firstName = formText(form, "first_name");
  if (firstName !== undefined) changes.firstName = firstName;
  else if (creating) errors.first_name = [requiredMessage("Имя")];

  const phone = formText(form, "phone");
  if (phone !== undefined) {
    Object.assign(errors, findPhoneErrors(account, phone, self));
    changes.phone = phone;
  } else if (creating) {
    errors.phone = [requiredMessage("Телефон")];
  }

  const birthDate = formText(form, "birth_date");
  if (birthDate !== undefined) {
    const parsed = parseBirthDate(birthDate);
    if (parsed === null) errors.birth_date = ["Неверный формат даты рождения."];
    else changes.birthDate = parsed;
  }

  const secondName = form.get("second_name");
  if (secondName !== null) changes.secondName = secondName;
  const patronName = form.get("patron_name");
  if (patronName !== null) changes.patronName = patronName;
  const clientGroups = form.get("client_groups");
  if (clientGroups !== null) changes.clientGroups = clientGroups;
  const number = formInteger(form, "number");
  if (number !== undefined) changes.number = number;

  const dynamicFields: DynamicFields = {};
  for (const name of DYNAMIC_TEXT_FIELDS) {
    const value = form.get(name);
    if (value !== null) dynamicFields[name] = value.trim();
  }
  const confirmationSms = formBoolean(form, "appointment_confirmation_sms");
  if (confirmationSms !== undefined) dynamicFields.appointment_confirmation_sms = confirmationSms;
  if (Object.keys(dynamicFields).length > 0) changes.dynamicFields = dynamicFields;

  return { changes, errors };
};

export const addClient: RestHandler = ({ emulator, account, form }) => {
  const { changes, errors } = parseClientForm(account, form, null);
  if (hasErrors(errors) || changes.firstName === undefined || changes.phone === undefined) {
    return clientWriteEnvelope({ errors }, "");
  }
  const client = createClient(
    emulator,
    account,
    {
      ...changes,
      firstName: changes.firstName,
      phone: changes.phone,
      authorId: accountOwnerId(account),
    },
    { fireWebhooks: true },
  );
  return clientWriteEnvelope({ object: serializeClient(account, client) }, "Клиент добавлен");
};

export const editClient: RestHandler = ({ emulator, account, form }) => {
  const id = formInteger(form, "id");
  const client = id === undefined ? undefined : account.clients.get(id);
  if (!client) {
    return clientWriteEnvelope(
      { errors: { id: [id === undefined ? requiredMessage("ID") : `Клиент ${id} не найден.`] } },
      "",
    );
  }
  const { changes, errors } = parseClientForm(account, form, client);
  if (hasErrors(errors)) return clientWriteEnvelope({ errors }, "");
  updateClient(emulator, client, changes);
  return clientWriteEnvelope({ object: serializeClient(account, client) }, "Клиент сохранён");
};
