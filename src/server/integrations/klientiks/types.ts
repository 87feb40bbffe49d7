// Domain-boundary shapes of Klientiks data: camelCase, coerced, datetimes in UTC. Provider field
// names stay inside schemas.ts and normalize.ts (conventions C7). `raw` keeps the object exactly as
// Klientiks sent it, for the inbox row and for fields we do not model yet.

/** A value of a dynamic («дополнительное») field (klientiks-contract §13.5). */
export type TKlientiksDynamicValue = string | number | boolean | null;

export type TKlientiksDynamicFields = Record<string, TKlientiksDynamicValue>;

/** A Klientiks client (customer), per the captured shape of klientiks-contract §9.1. */
export type TKlientiksClient = {
  id: number;
  /** Full display name, probably surname first (§9.1). */
  name: string;
  firstName: string;
  patronName: string;
  /** The surname (§9.1). */
  secondName: string;
  /** Digits only, `7…` for Russian numbers (§7); empty when unknown. */
  phone: string;
  email: string;
  /** «Источник клиента», the client's declared source (§13.4). */
  leadSource: string;
  /** Group name(s), the closest thing Klientiks has to tags (§8). */
  clientGroups: string;
  deleted: boolean;
  createdAt: Date | null;
  modifiedAt: Date | null;
  dynamicFields: TKlientiksDynamicFields;
  raw: Record<string, unknown>;
};

/** One `appointed_services` line (klientiks-contract §9.2, §11.3). */
export type TKlientiksAppointedService = {
  id: number | null;
  serviceId: number | null;
  name: string;
  /** Roubles. The would-be price even when a service pack paid the line (§11.3). */
  price: number;
  servicePackId: number | null;
  /** The line was paid by an абонемент / service pack (§11.3). */
  isPaidBySubscription: boolean;
  /** Ids from `appointed_services_executions` (§9.2). */
  executorIds: number[];
};

/** An `appointment_client_links` entry (§9.2); `client` is present when Klientiks embedded it. */
export type TKlientiksClientLink = {
  clientId: number;
  client?: TKlientiksClient;
};

/** A visit as returned by `getAppointment` (klientiks-contract §9.2). */
export type TKlientiksAppointment = {
  id: number;
  /** `client_id`, falling back to the first client link. */
  clientId: number | null;
  /** `executor_id`, falling back to the first line's executor (§14). */
  executorId: number | null;
  /** `author_id`, falling back to the executor (§14). */
  authorId: number | null;
  startAt: Date | null;
  finishAt: Date | null;
  /** Stored verbatim: unknown statuses are valid (§10). */
  status: string;
  createdAt: Date | null;
  modifiedAt: Date | null;
  /** A sale of goods rather than a visit (§11.1). */
  isSale: boolean;
  paid: boolean;
  /** A hint only, e.g. `"online_widget"` (§13.2); empty when absent. */
  appointmentSource: string;
  services: TKlientiksAppointedService[];
  clientLinks: TKlientiksClientLink[];
  dynamicFields: TKlientiksDynamicFields;
  raw: Record<string, unknown>;
};

/** An employee from `m/Users` (klientiks-contract §9.4). */
export type TKlientiksUser = {
  id: number;
  name: string;
  archived: boolean;
};

/** A service or a good from `m/Services` (klientiks-contract §9.4). */
export type TKlientiksService = {
  id: number;
  name: string;
  price: number;
  /** Services and goods share one list; the values are unknown (§9.4). */
  type: string;
  archived: boolean;
};

/** A row of `m/AppointmentClientLinks` (klientiks-contract §9.3). */
export type TKlientiksAclRow = {
  id: number;
  /** `appointment_id`, falling back to `orders[0].appointment_id` (§9.3). */
  appointmentId: number | null;
  clientId: number | null;
  status: string;
  isSale: boolean;
  modifiedAt: Date | null;
};

/**
 * Something Klientiks sent that we tolerated rather than rejected, and that the contract wants
 * logged (§7 prices, §9.1 `json_data`). Carries ids and field names only, never values (R25).
 */
export type TKlientiksWarning = {
  code: "invalid_item" | "invalid_price" | "invalid_json_data" | "invalid_datetime";
  model: "client" | "appointment" | "appointed_service" | "user" | "service" | "acl_row";
  /** The id of the entity, when it has a valid one. */
  id: number | null;
  field?: string;
};
