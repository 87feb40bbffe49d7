// Accounts and reference data (klientiks-contract §17.3): create, patch, employees, services, packs.

import { createAccount, describeAccount, findAccountConflict } from "../../accounts";
import {
  addServiceBody,
  addServicePackBody,
  addUserBody,
  createAccountBody,
  patchAccountBody,
} from "../../control-schemas";
import { seedDemoSalon } from "../../demo-seed";
import { phoneFormatErrors } from "../../phone";
import { addService, addServicePack, addUser } from "../../reference-data";
import { serializeService, serializeServicePack, serializeUser } from "../../serialize";
import type { FieldErrors, RateLimit } from "../../types";
import {
  ControlError,
  parseBody,
  rejectFieldErrors,
  requireAccount,
  type ControlHandler,
} from "./shared";

const toRateLimit = (
  limit: { per_second: number; burst: number } | null | undefined,
): RateLimit | null | undefined =>
  limit ? { perSecond: limit.per_second, burst: limit.burst } : limit;

export const createAccountRoute: ControlHandler = ({ emulator, body }) => {
  const input = parseBody(createAccountBody, body);
  const conflict = findAccountConflict(emulator.state, {
    accountId: input.account_id,
    widgetSlug: input.widget_slug,
  });
  if (conflict) throw new ControlError(409, conflict);
  const account = createAccount(emulator.state, {
    accountId: input.account_id,
    userId: input.user_id,
    accessToken: input.access_token,
    timezone: input.timezone,
    tariff: input.tariff,
    apiEnabled: input.api_enabled,
    rateLimit: toRateLimit(input.rate_limit),
    widgetAlsoFiresCreated: input.widget_also_fires_created,
    widgetSlug: input.widget_slug,
    emptyItems: input.empty_items,
  });
  if (input.demo) seedDemoSalon(emulator, account);
  return { status: 201, body: describeAccount(account) };
};

export const patchAccountRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const input = parseBody(patchAccountBody, request.body);
  const conflict = findAccountConflict(
    request.emulator.state,
    { widgetSlug: input.widget_slug },
    account,
  );
  if (conflict) throw new ControlError(409, conflict);
  const { settings } = account;
  if (input.timezone !== undefined) settings.timezone = input.timezone;
  if (input.tariff !== undefined) settings.tariff = input.tariff;
  if (input.api_enabled !== undefined) settings.apiEnabled = input.api_enabled;
  if (input.rate_limit !== undefined) settings.rateLimit = toRateLimit(input.rate_limit) ?? null;
  if (input.widget_also_fires_created !== undefined)
    settings.widgetAlsoFiresCreated = input.widget_also_fires_created;
  if (input.widget_slug !== undefined) settings.widgetSlug = input.widget_slug;
  if (input.empty_items !== undefined) settings.emptyItems = input.empty_items;
  return { body: describeAccount(account) };
};

export const addUserRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const input = parseBody(addUserBody, request.body);
  // A blank phone means none; any other is checked like a client's.
  if (input.phone) rejectFieldErrors(phoneFormatErrors(input.phone));
  const user = addUser(request.emulator, account, input);
  return { status: 201, body: serializeUser(account, user) };
};

export const addServiceRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const input = parseBody(addServiceBody, request.body);
  const service = addService(request.emulator, account, {
    name: input.name,
    price: String(input.price),
    type: input.type,
    durationMinutes: input.duration_minutes,
    barcode: input.barcode,
    serviceGroups: input.service_groups,
    archived: input.archived,
  });
  return { status: 201, body: serializeService(account, service) };
};

export const addServicePackRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const input = parseBody(addServicePackBody, request.body);
  const errors: FieldErrors = {};
  if (input.client_id != null && !account.clients.has(input.client_id))
    errors.client_id = [`Unknown client ${input.client_id}`];
  const unknownServices = input.service_ids.filter((id) => !account.services.has(id));
  if (unknownServices.length > 0)
    errors.service_ids = [`Unknown services ${unknownServices.join(", ")}`];
  rejectFieldErrors(errors);

  const pack = addServicePack(request.emulator, account, {
    name: input.name,
    clientId: input.client_id ?? null,
    serviceIds: input.service_ids,
    visitsTotal: input.visits_total,
    visitsLeft: input.visits_left,
    price: String(input.price),
  });
  return { status: 201, body: serializeServicePack(account, pack) };
};

/** Every account with its credentials: the emulator's demo data is public by design. */
export const listAccountsRoute: ControlHandler = ({ emulator }) => ({
  body: { accounts: Array.from(emulator.state.accounts.values()).map(describeAccount) },
});
