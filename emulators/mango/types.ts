/** How the scripted client (the far end of a callback) behaves; `manual` waits for the control API. */
import type { ClientScript } from "../zadarma/types";

// The VPBX model held in memory: accounts (products) with their company numbers (lines), users with
// extensions, calls (entries) with legs, recordings, and the external-system address events go to.

/** How a call ended, normalised; `events/summary` carries `entry_result` and `disconnect_reason` for it. */
export const OUTCOMES = ["answered", "no_answer", "busy", "cancelled", "failed"] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** The paths the emulator appends to the external-system address. */
export const EVENT_PATHS = [
  "events/call",
  "events/summary",
  "events/recording",
  "events/record/added",
  "result/callback",
  "ping",
] as const;

export type EventPath = (typeof EVENT_PATHS)[number];

/** How a call's events leave: as they happen, or held until the call ends and then sent reversed or shuffled. */
export const EVENT_ORDERS = ["in_order", "reverse", "shuffle"] as const;

export type EventOrder = (typeof EVENT_ORDERS)[number];

/** An employee of the VPBX with an extension (`config/users/request`). */
export type User = {
  userId: number;
  extension: string;
  name: string;
  position: string;
  department: string;
  /** An offline user's phone does not ring. */
  online: boolean;
  /** The phone picks up by itself this long after it starts ringing (tests without a person); null: never. */
  autoAnswerMs: number | null;
};

export type { ClientScript };

export type Timings = {
  /** How long extensions (and a callback's client) ring before the call counts as not answered. */
  ringTimeoutMs: number;
  /** `events/record/added` follows the call's end after this long; the file is downloadable from then on. */
  recordDelayMs: number;
  /** `result/callback` follows `commands/callback` after this long. */
  callbackResultDelayMs: number;
  /** `stats/result` answers 204 for this long after `stats/request`. */
  statsReadyMs: number;
  /** A live call still connected after this long is hung up. */
  maxTalkMs: number;
};

export type Account = {
  /** Emulator handle used by the control API and the pages (`?account=`). */
  id: string;
  /** `vpbx_api_key`, the unique code of the VPBX. */
  key: string;
  /** The signing key («ключ создания подписи»); never sent. */
  salt: string;
  productId: number;
  /** Company numbers (lines), digits only. */
  numbers: string[];
  /** By extension. */
  users: Map<string, User>;
  /** «Адрес внешней системы»: the base URL the event paths are appended to. */
  eventsUrl: string | null;
  eventOrder: EventOrder;
  timings: Timings;
  /** Callback client behaviour by number; `*` is the default. */
  clientScripts: Map<string, ClientScript>;
  /** By entry_id, in creation order. */
  calls: Map<string, Call>;
  deliveries: Delivery[];
};

export type LegState = "ringing" | "connected" | "ended";

/** One `call_id`: a phone rung within the entry (an extension, or a callback's client). */
export type Leg = {
  callId: string;
  /** The extension whose phone this is; null for the client's phone of a callback. */
  extension: string | null;
  state: LegState;
  /** Notifications already sent for this call_id (the next `seq` is seq + 1). */
  seq: number;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  disconnectReason: number | null;
};

export type CallState = "ringing" | "connected" | "ended";

export type Recording = {
  recordingId: string;
  callId: string;
  extension: string;
  seconds: number;
  /** Epoch ms from which `events/record/added` is due and `queries/recording/post` works. */
  readyAt: number;
};

export type Call = {
  entryId: string;
  accountId: string;
  direction: "in" | "out";
  /** Incoming: the external caller. Outgoing: the extension's line number shown to the client. */
  fromNumber: string;
  /** Outgoing: the extension placing the callback. */
  fromExtension: string | null;
  /** Incoming: the company number dialled. Outgoing: the client's number. */
  toNumber: string;
  /** Who holds (or held) the call: the answering extension, or the callback's extension. */
  extension: string | null;
  /** The company line of the call (incoming: the number dialled; outgoing: the caller ID). */
  lineNumber: string;
  state: CallState;
  legs: Leg[];
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: Outcome | null;
  disconnectReason: number | null;
  recording: Recording | null;
  /** Set for calls placed by `commands/callback`; every event of the call carries it. */
  commandId: string | null;
  /** false for backdated calls: statistics and recordings only, no events. */
  notify: boolean;
  /** Live calls ring and time out on real timers; scripted ones replay on a virtual timeline. */
  live: boolean;
  origin: "softphone" | "control" | "callback" | "scripted";
  timers: Set<() => void>;
};

export type DeliveryOutcome = "pending" | "delivered" | "failed" | "dropped";

export type Delivery = {
  id: number;
  path: EventPath;
  /** The full URL posted to. */
  url: string;
  entry_id: string | null;
  /** The `json` form field exactly as sent (and signed). */
  json: string;
  sign_valid: boolean;
  faults: string[];
  outcome: DeliveryOutcome;
  status: number | null;
  error: string | null;
  response: string | null;
  started_at: string;
  duration_ms: number | null;
};
