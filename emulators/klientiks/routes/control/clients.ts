// Clients through the control API (klientiks-contract §17.3). Standard fields are named; any other key
// of the body is a dynamic field (`lead_source`, `email`, custom ones), stored as on real clients (§9.1).

import type { z } from "zod";

import { accountOwnerId } from "../../accounts";
import { createClient, findPhoneErrors, updateClient, type ClientFields } from "../../clients";
import { addClientBody, patchClientBody } from "../../control-schemas";
import type { Emulator } from "../../emulator";
import { serializeClient } from "../../serialize";
import type { Account, Client } from "../../types";
import {
  ControlError,
  parseBody,
  rejectFieldErrors,
  requireAccount,
  type ControlHandler,
} from "./shared";

type AddClientInput = z.output<typeof addClientBody>;

const splitClientBody = (
  account: Account,
  input: AddClientInput,
): { fields: ClientFields; fireWebhooks: boolean } => {
  const {
    first_name,
    second_name,
    patron_name,
    phone,
    birth_date,
    client_groups,
    failed_push,
    number,
    fire_webhooks: fireWebhooks = true,
    ...dynamicFields
  } = input;
  return {
    fireWebhooks,
    fields: {
      firstName: first_name,
      secondName: second_name,
      patronName: patron_name,
      phone,
      birthDate: birth_date,
      clientGroups: client_groups,
      failedPush: failed_push,
      number,
      authorId: accountOwnerId(account),
      dynamicFields,
    },
  };
};

/** Used by appointment creation too, when it gets a `client` object instead of `client_id`. */
export const createClientFromBody = (
  emulator: Emulator,
  account: Account,
  input: AddClientInput,
): Client => {
  rejectFieldErrors(findPhoneErrors(account, input.phone, null));
  const { fields, fireWebhooks } = splitClientBody(account, input);
  return createClient(emulator, account, fields, { fireWebhooks });
};

export const addClientRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const client = createClientFromBody(
    request.emulator,
    account,
    parseBody(addClientBody, request.body),
  );
  return { status: 201, body: serializeClient(account, client) };
};

export const patchClientRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const client = account.clients.get(Number(request.params.id));
  if (!client) throw new ControlError(404, `Unknown client ${request.params.id}`);
  const input = parseBody(patchClientBody, request.body);
  if (input.phone !== undefined) rejectFieldErrors(findPhoneErrors(account, input.phone, client));

  const {
    first_name,
    second_name,
    patron_name,
    phone,
    birth_date,
    client_groups,
    failed_push,
    number,
    deleted,
    blocked,
    ...dynamicFields
  } = input;
  updateClient(request.emulator, client, {
    firstName: first_name,
    secondName: second_name,
    patronName: patron_name,
    phone,
    birthDate: birth_date,
    clientGroups: client_groups,
    failedPush: failed_push,
    number,
    deleted,
    blocked,
    dynamicFields: Object.keys(dynamicFields).length > 0 ? dynamicFields : undefined,
  });
  return { body: serializeClient(account, client) };
};
