// Which handler serves which `{action}` / `m/{Model}` / `s/{scenario}` (klientiks-contract §17.1).
// Names compare case-insensitively (`m/Clients` and `m/clients` are both in use).

import {
  addAppointment,
  addWaitingListEntry,
  apiAddAppointment,
  editAppointment,
} from "./appointment-writes";
import { listAvailableTimes } from "./available-times";
import { addClient, editClient } from "./client-writes";
import type { RestHandler } from "./context";
import {
  getAcl,
  getAppointment,
  getClientByPhone,
  listAclRows,
  listAppointments,
  listClients,
  listRevenueTransactions,
  listServicePacks,
  listServices,
  listUsers,
} from "./reads";
import type { RestPath } from "./url";

export type RestRoute = {
  method: "GET" | "POST";
  action: string;
  /** undefined: the action takes no model and ignores one. */
  model?: string;
  scenario?: string;
  handle: RestHandler;
};

const ROUTES: RestRoute[] = [
  { method: "GET", action: "list", model: "Users", handle: listUsers },
  { method: "GET", action: "list", model: "Services", handle: listServices },
  { method: "GET", action: "list", model: "Clients", handle: listClients },
  { method: "GET", action: "list", model: "getClientByPhone", handle: getClientByPhone },
  { method: "GET", action: "list", model: "Appointments", handle: listAppointments },
  { method: "GET", action: "list", model: "AppointmentClientLinks", handle: listAclRows },
  { method: "GET", action: "list", model: "availableTimes", handle: listAvailableTimes },
  { method: "GET", action: "list", model: "ServicePacks", handle: listServicePacks },
  {
    method: "GET",
    action: "list",
    model: "getRevenueTransactions",
    handle: listRevenueTransactions,
  },
  { method: "GET", action: "roistatExportAcl", handle: listAclRows },
  { method: "GET", action: "getACL", handle: getAcl },
  { method: "GET", action: "getAppointment", handle: getAppointment },
  { method: "POST", action: "add", model: "Clients", handle: addClient },
  { method: "POST", action: "edit", model: "Clients", handle: editClient },
  { method: "POST", action: "add", model: "Appointments", handle: addAppointment },
  {
    method: "POST",
    action: "add",
    model: "Appointments",
    scenario: "apiAdd",
    handle: apiAddAppointment,
  },
  {
    method: "POST",
    action: "add",
    model: "Appointments",
    scenario: "waitingListItemAdd",
    handle: addWaitingListEntry,
  },
  { method: "POST", action: "edit", model: "Appointments", handle: editAppointment },
];

/** An undefined expectation means the segment must be absent. */
const same = (expected: string | undefined, actual: string | null): boolean =>
  expected === undefined
    ? actual === null
    : actual !== null && expected.toLowerCase() === actual.toLowerCase();

export const findRestRoute = (method: string, path: RestPath): RestRoute | undefined =>
  ROUTES.find(
    (route) =>
      route.method === method &&
      same(route.action, path.action) &&
      (route.model === undefined || same(route.model, path.model)) &&
      same(route.scenario, path.scenario),
  );
