// The emulator's in-memory model of one Klientiks account. Field names here are ours; the wire
// shapes of klientiks-contract §9 are produced by serialize.ts.

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** «Динамические поля»: emitted as a JSON string in `json_data` and flattened (klientiks-contract §9.1, §13.5). */
export type DynamicFields = Record<string, JsonValue>;

/** Field name → messages, the `errors` map of klientiks-contract §4.4. */
export type FieldErrors = Record<string, string[]>;

export type Tariff = "PRO+" | "API" | "other";

export type RateLimit = { perSecond: number; burst: number };

/**
 * What `items` holds when a list or a look-up has nothing: the string `"No data"` that public clients
 * check for (klientiks-contract §4.1), or `[]`, which other public code expects.
 */
export type EmptyItems = "string" | "empty_array";

export type Credentials = { accountId: string; userId: string; accessToken: string };

export type AccountSettings = {
  timezone: string;
  tariff: Tariff;
  apiEnabled: boolean;
  /** null = no throttling, the default (klientiks-contract §6). */
  rateLimit: RateLimit | null;
  /** Widget bookings also fire «Запись клиента на прием», to test duplicates (klientiks-contract §12.3). */
  widgetAlsoFiresCreated: boolean;
  widgetSlug: string;
  emptyItems: EmptyItems;
};

/** Timestamps are epoch milliseconds; they are rendered in the account's zone on output. */
export type User = {
  id: number;
  name: string;
  phone: string;
  email: string;
  archived: boolean;
  created: number;
  modified: number;
};

export type ServiceType = "service" | "product";

export type Service = {
  id: number;
  name: string;
  type: ServiceType;
  /** A string on the wire (klientiks-contract §7). */
  price: string;
  /** Not emitted; used for default visit length and free slots. */
  durationMinutes: number;
  barcode: string;
  serviceGroups: string;
  archived: boolean;
  created: number;
  modified: number;
};

export type ServicePack = {
  id: number;
  name: string;
  clientId: number | null;
  serviceIds: number[];
  visitsTotal: number;
  visitsLeft: number;
  price: string;
  created: number;
  modified: number;
};

/**
 * A column nobody ever set is `null` on the wire, one saved blank is `""`: the client K7 created over
 * the API with four fields reads back `null` for `patron_name`, `second_name`, `client_groups` and
 * `failed_push`, while the one entered in the CRM's card form has `""` and `false`
 * (klientiks-contract §9.1).
 */
export type Client = {
  id: number;
  firstName: string;
  patronName: string | null;
  /** The surname (klientiks-contract §9.1). */
  secondName: string | null;
  phone: string;
  /** "DD.MM.YYYY" (klientiks-contract §7). */
  birthDate: string | null;
  clientGroups: string | null;
  /** `false` once the CRM's card form saved the client, `null` for clients that came in otherwise. */
  failedPush: boolean | null;
  number: number | null;
  authorId: number | null;
  deleted: boolean;
  blocked: boolean;
  dynamicFields: DynamicFields | null;
  created: number;
  modified: number;
};

export type AppointmentSource = "staff" | "api" | "online_widget";

export type AppointedService = {
  id: number;
  serviceId: number;
  name: string;
  type: ServiceType;
  /** What the line costs, or would have cost when a service pack paid it (klientiks-contract §11.3). */
  price: number;
  executorId: number;
  servicePackId: number | null;
  discount: number | null;
};

export type StatusChange = { status: string; at: number };

export type Appointment = {
  id: number;
  /** Id of the appointment↔client link, which is also the ACL row id (klientiks-contract §9.3). */
  linkId: number;
  clientId: number;
  executorId: number;
  authorId: number | null;
  /** Naive account-local "YYYY-MM-DD HH:MM:SS" (klientiks-contract §7). */
  start: string;
  finish: string;
  /** Any string: unknown statuses must be storable (klientiks-contract §10). */
  status: string;
  statusHistory: StatusChange[];
  paid: boolean;
  urgent: boolean;
  isSale: boolean;
  source: AppointmentSource;
  services: AppointedService[];
  dynamicFields: DynamicFields | null;
  created: number;
  modified: number;
};

export type WaitingListItem = {
  id: number;
  clientId: number;
  /** "YYYY-MM-DD" */
  date: string;
  source: string;
  memo: string;
  created: number;
};

export type RevenueTransactionType = "appointment" | "service_pack";

export type RevenueTransaction = {
  id: number;
  appointmentId: number | null;
  clientId: number | null;
  amount: number;
  type: RevenueTransactionType;
  created: number;
};

/** Emulator keys of the «Событие» select (klientiks-contract §12.3). */
export const WEBHOOK_EVENTS = [
  "appointment_created",
  "online_booking_created",
  "appointment_changed",
  "client_created",
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type EventHandler = { id: number; event: WebhookEvent; urlTemplate: string };

export type DeliveryOutcome = "pending" | "delivered" | "failed";

/** One webhook attempt as shown by `/__control/accounts/{A}/webhooks/deliveries` (klientiks-contract §17.2). */
export type WebhookDelivery = {
  id: number;
  event: WebhookEvent;
  handler_id: number;
  /** Set for deliveries started by `/webhooks/trigger`, null for ones fired by a change. */
  batch_id: string | null;
  method: "GET" | "POST";
  /** Rendered URL with our endpoint tokens redacted. */
  url: string;
  attempt: number;
  outcome: DeliveryOutcome;
  status: number | null;
  error: string | null;
  duration_ms: number | null;
  started_at: string;
};

export type Account = {
  /** Internal numeric account number emitted on objects; not the 12-hex API id (klientiks-contract §1). */
  number: number;
  credentials: Credentials;
  settings: AccountSettings;
  /** Seeded with the demo salon: the autopilot keeps it moving (autopilot.ts). */
  isDemo: boolean;
  users: Map<number, User>;
  services: Map<number, Service>;
  servicePacks: Map<number, ServicePack>;
  clients: Map<number, Client>;
  appointments: Map<number, Appointment>;
  waitingList: WaitingListItem[];
  revenue: RevenueTransaction[];
  eventHandlers: Map<number, EventHandler>;
  deliveries: WebhookDelivery[];
};
