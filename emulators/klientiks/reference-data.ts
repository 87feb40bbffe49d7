// Employees, services/goods and service packs: the reference data visits point at (klientiks-contract §9.4, §11.3).

import type { Emulator } from "./emulator";
import { normalizePhone } from "./phone";
import { recordRevenue } from "./revenue";
import type { Account, Service, ServicePack, ServiceType, User } from "./types";

export type UserFields = { name: string; phone?: string; email?: string; archived?: boolean };

export const addUser = (
  emulator: Emulator,
  account: Account,
  fields: UserFields,
  at = emulator.clock.now(),
): User => {
  const user: User = {
    id: emulator.state.nextId("user"),
    name: fields.name,
    // Stored as the API shows phones, `7XXXXXXXXXX`, like clients' (klientiks-contract §7).
    phone: fields.phone === undefined ? "" : normalizePhone(fields.phone),
    email: fields.email ?? "",
    archived: fields.archived ?? false,
    created: at,
    modified: at,
  };
  account.users.set(user.id, user);
  return user;
};

export type ServiceFields = {
  name: string;
  price: string;
  type?: ServiceType;
  durationMinutes?: number;
  barcode?: string;
  serviceGroups?: string;
  archived?: boolean;
};

const DEFAULT_DURATION_MINUTES = 60;

export const addService = (
  emulator: Emulator,
  account: Account,
  fields: ServiceFields,
  at = emulator.clock.now(),
): Service => {
  const service: Service = {
    id: emulator.state.nextId("service"),
    name: fields.name,
    type: fields.type ?? "service",
    price: fields.price,
    durationMinutes: fields.durationMinutes ?? DEFAULT_DURATION_MINUTES,
    barcode: fields.barcode ?? "",
    serviceGroups: fields.serviceGroups ?? "",
    archived: fields.archived ?? false,
    created: at,
    modified: at,
  };
  account.services.set(service.id, service);
  return service;
};

export type ServicePackFields = {
  name: string;
  clientId: number | null;
  serviceIds: number[];
  visitsTotal: number;
  visitsLeft?: number;
  price: string;
};

export const addServicePack = (
  emulator: Emulator,
  account: Account,
  fields: ServicePackFields,
  at = emulator.clock.now(),
): ServicePack => {
  const pack: ServicePack = {
    id: emulator.state.nextId("servicePack"),
    name: fields.name,
    clientId: fields.clientId,
    serviceIds: fields.serviceIds,
    visitsTotal: fields.visitsTotal,
    visitsLeft: fields.visitsLeft ?? fields.visitsTotal,
    price: fields.price,
    created: at,
    modified: at,
  };
  account.servicePacks.set(pack.id, pack);
  if (pack.clientId !== null) {
    recordRevenue(
      emulator,
      account,
      {
        appointmentId: null,
        clientId: pack.clientId,
        amount: Number(pack.price),
        type: "service_pack",
      },
      at,
    );
  }
  return pack;
};
