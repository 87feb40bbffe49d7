// GET handlers of klientiks-contract §8 / §17.1.

import { datePart, isValidDate, localDateTimeToEpoch } from "../datetime";
import { normalizePhone } from "../phone";
import {
  serializeAclRow,
  serializeAppointment,
  serializeClient,
  serializeRevenueTransaction,
  serializeService,
  serializeServicePack,
  serializeUser,
} from "../serialize";
import type { Account, Appointment } from "../types";
import type { RestHandler } from "./context";
import { itemEnvelope } from "./envelopes";
import { pageEnvelope, readPage } from "./pagination";
import { readParam } from "./url";

const byId = <Item extends { id: number }>(items: Iterable<Item>): Item[] =>
  Array.from(items).sort((left, right) => left.id - right.id);

/** Epoch ms of local midnight of a `YYYY-MM-DD` parameter, or null when absent or invalid. */
const localDayStart = (account: Account, day: string | null): number | null =>
  day !== null && isValidDate(day)
    ? localDateTimeToEpoch(`${day} 00:00:00`, account.settings.timezone)
    : null;

export const listUsers: RestHandler = ({ account, path, query }) =>
  pageEnvelope(
    byId(account.users.values()),
    readPage(path, query),
    (user) => serializeUser(account, user),
    { empty: account.settings.emptyItems },
  );

export const listServices: RestHandler = ({ account, path, query }) =>
  pageEnvelope(
    byId(account.services.values()),
    readPage(path, query),
    (service) => serializeService(account, service),
    { empty: account.settings.emptyItems },
  );

/** `…/m/clients/date/{YYYY-MM-DD}`: clients modified since local midnight of that date (§8.1 (5)). */
export const listClients: RestHandler = ({ account, path, query }) => {
  const since = localDayStart(account, readParam(path, query, "date"));
  const clients = byId(account.clients.values()).filter(
    (client) => since === null || client.modified >= since,
  );
  return pageEnvelope(
    clients,
    readPage(path, query),
    (client) => serializeClient(account, client),
    {
      empty: account.settings.emptyItems,
    },
  );
};

export const getClientByPhone: RestHandler = ({ account, path, query }) => {
  const phone = normalizePhone(readParam(path, query, "phone") ?? "");
  const client = byId(account.clients.values()).find(
    (candidate) => !candidate.deleted && candidate.phone === phone,
  );
  return itemEnvelope(
    client ? serializeClient(account, client) : null,
    account.settings.emptyItems,
  );
};

/** `?date=` selects visits starting on that local day (§8.1 (9)). */
export const listAppointments: RestHandler = ({ account, path, query, view }) => {
  const day = readParam(path, query, "date");
  const appointments = byId(account.appointments.values()).filter(
    (item) => day === null || datePart(item.start) === day,
  );
  return pageEnvelope(
    appointments,
    readPage(path, query),
    (item) => serializeAppointment(account, item, view),
    { empty: account.settings.emptyItems },
  );
};

const byModifiedThenId = (left: Appointment, right: Appointment): number =>
  left.modified - right.modified || left.id - right.id;

/** ACL rows with `modified >= date` (Unix seconds), ordered by `modified` then `id` (§8.1 (1), (4)). */
export const listAclRows: RestHandler = ({ account, path, query, view }) => {
  const sinceSeconds = Number(readParam(path, query, "date") ?? 0);
  const since = Number.isFinite(sinceSeconds) ? sinceSeconds * 1000 : 0;
  const rows = Array.from(account.appointments.values())
    .filter((appointment) => appointment.modified >= since)
    .sort(byModifiedThenId);
  return pageEnvelope(rows, readPage(path, query), (row) => serializeAclRow(account, row, view), {
    empty: account.settings.emptyItems,
    withTotal: true,
  });
};

/** `getACL …[/clientId/{id}][/status/{s}]` (§8.1 (2)). */
export const getAcl: RestHandler = ({ account, path, query, view }) => {
  const clientId = readParam(path, query, "clientId");
  const status = readParam(path, query, "status");
  const rows = Array.from(account.appointments.values())
    .filter((appointment) => clientId === null || String(appointment.clientId) === clientId)
    .filter((appointment) => status === null || appointment.status === status)
    .sort(byModifiedThenId);
  return pageEnvelope(rows, readPage(path, query), (row) => serializeAclRow(account, row, view), {
    empty: account.settings.emptyItems,
    withTotal: true,
  });
};

export const getAppointment: RestHandler = ({ account, path, query, view }) => {
  const appointment = account.appointments.get(Number(readParam(path, query, "id")));
  return itemEnvelope(
    appointment ? serializeAppointment(account, appointment, view) : null,
    account.settings.emptyItems,
  );
};

export const listServicePacks: RestHandler = ({ account, path, query }) =>
  pageEnvelope(
    byId(account.servicePacks.values()),
    readPage(path, query),
    (pack) => serializeServicePack(account, pack),
    { empty: account.settings.emptyItems },
  );

/** `…/m/getRevenueTransactions/from/{YYYY-MM-DD}` */
export const listRevenueTransactions: RestHandler = ({ account, path, query }) => {
  const since = localDayStart(account, readParam(path, query, "from"));
  const transactions = byId(account.revenue).filter(
    (transaction) => since === null || transaction.created >= since,
  );
  return pageEnvelope(
    transactions,
    readPage(path, query),
    (transaction) => serializeRevenueTransaction(account, transaction),
    { empty: account.settings.emptyItems },
  );
};
