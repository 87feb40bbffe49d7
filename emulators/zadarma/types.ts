// The PBX model held in memory: accounts with their company numbers (DIDs), extensions, calls with
// legs, recordings and the notification settings Zadarma keeps per account.

/** The call notifications of `pbx/callinfo/notifications` (README "Notifications"). */
export const NOTIFY_EVENTS = [
  "NOTIFY_START",
  "NOTIFY_INTERNAL",
  "NOTIFY_ANSWER",
  "NOTIFY_END",
  "NOTIFY_OUT_START",
  "NOTIFY_OUT_END",
  "NOTIFY_RECORD",
] as const;

export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** Dispositions of NOTIFY_END / NOTIFY_OUT_END; statistics spell `failed` as `call failed`. */
export const DISPOSITIONS = [
  "answered",
  "busy",
  "cancel",
  "no answer",
  "failed",
  "no money",
] as const;

export type Disposition = (typeof DISPOSITIONS)[number];

export type Extension = { number: string; name: string; online: boolean };

/** How the scripted "client" (the far end of a callback) behaves; `manual` waits for `/client-phone`. */
export type ClientScript = {
  mode: "answer" | "busy" | "no_answer" | "manual";
  answerAfterMs: number;
  hangupAfterMs: number | null;
};

export type Timings = {
  /** How long extensions (and a callback's client) ring before the call counts as not answered. */
  ringTimeoutMs: number;
  /** NOTIFY_RECORD follows NOTIFY_END after this long; the recording is downloadable from then on. */
  recordDelayMs: number;
  /** A live call still connected after this long is hung up, so a forgotten softphone cannot hold one forever. */
  maxTalkMs: number;
};

export type RateLimits = { generalPerMinute: number; statisticsPerMinute: number };

export type Account = {
  /** Emulator handle used by the control API and the softphone pages (`?account=`). */
  id: string;
  key: string;
  secret: string;
  pbxId: number;
  balance: number;
  currency: string;
  timezone: string;
  /** Company numbers (DIDs), digits only. */
  numbers: string[];
  extensions: Map<string, Extension>;
  notificationUrl: string | null;
  enabledEvents: Set<NotifyEvent>;
  timings: Timings;
  rateLimits: RateLimits;
  /** Callback client behaviour by destination number; `*` is the default. */
  clientScripts: Map<string, ClientScript>;
  /** By pbx_call_id, in creation order. */
  calls: Map<string, Call>;
  deliveries: Delivery[];
};

export type LegState = "ringing" | "answered" | "declined" | "missed" | "ended";

/** One extension's part in a call (rung, answered, declined …). */
export type Leg = {
  extension: string;
  state: LegState;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
};

export type CallState = "ringing" | "connected" | "ended";

/** The far end of a callback: the client's phone. */
export type ClientLegState = "idle" | "ringing" | "connected" | "declined" | "ended";

export type Recording = {
  /** `call_id_with_rec`, the `call_id` of `pbx/record/request`. */
  callIdWithRec: string;
  seconds: number;
  /** Size override for benchmarks; otherwise derived from `seconds`. */
  bytes: number | null;
  /** Epoch ms from which NOTIFY_RECORD is due and downloads work. */
  readyAt: number;
};

export type Call = {
  pbxCallId: string;
  /** Statistics `call_id` (unix.sequence); also `call_id_with_rec` when the call is recorded. */
  callId: string;
  accountId: string;
  direction: "in" | "out";
  /** Incoming: the external caller. Outgoing: the company number shown to the client (its caller ID). */
  caller: string;
  /** Incoming: the company number dialled. Outgoing: the client's number. */
  destination: string;
  /** Incoming: who holds (or last held) the call. Outgoing: the extension that places it. */
  extension: string | null;
  state: CallState;
  /** Outgoing only: the client's leg, dialled once the extension answers. */
  clientLeg: ClientLegState;
  legs: Leg[];
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  disposition: Disposition | null;
  recording: Recording | null;
  /** Exact recording size asked for by a scripted call (benchmarks); null derives it from the talk time. */
  recordingBytes: number | null;
  /** false for backdated calls: statistics only, no notifications. */
  notify: boolean;
  /** Live calls ring and time out on real timers; scripted calls replay on a virtual timeline. */
  live: boolean;
  origin: "softphone" | "callback" | "scripted" | "autopilot";
  /** Pending timers of a live call (ring timeout, scripted client), cancelled when it ends. */
  timers: Set<() => void>;
};

export type DeliveryOutcome = "pending" | "delivered" | "failed" | "dropped";

export type Delivery = {
  id: number;
  event: NotifyEvent;
  pbx_call_id: string;
  /** Notification URL with our receiver's token redacted. */
  url: string;
  /** The form fields as sent. */
  fields: Record<string, string>;
  signature_valid: boolean;
  faults: string[];
  outcome: DeliveryOutcome;
  status: number | null;
  error: string | null;
  /** Answer body (first 200 characters), e.g. a steering JSON for NOTIFY_START. */
  response: string | null;
  started_at: string;
  duration_ms: number | null;
};
