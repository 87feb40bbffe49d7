/**
 * The provider-neutral call event (docs/telephony-calls.md): every telephony adapter translates
 * its notifications and statistics rows into these, and the calls domain folds them into a Call.
 * Provider specifics stay in `src/server/integrations/<provider>/`.
 */

/** What happened, in the neutral model's words. */
export type TCallEventKind =
  /** An incoming call reached the PBX (Zadarma NOTIFY_START). */
  | "started"
  /** The caller is in the voice menu (NOTIFY_IVR). */
  | "ivr"
  /** An extension is ringing (NOTIFY_INTERNAL); `extension` says which. */
  | "ringing"
  /** An extension answered (NOTIFY_ANSWER). */
  | "answered"
  /** The call ended (NOTIFY_END, NOTIFY_OUT_END), with disposition and duration. */
  | "ended"
  /** An outgoing call started from an extension (NOTIFY_OUT_START). */
  | "out_started"
  /**
   * One leg changed without moving the call's state: put on hold, hung up while other legs still
   * ring, recording started (Mango `events/call` OnHold/Disconnected, `events/recording`).
   */
  | "leg_changed"
  /** The recording was saved (NOTIFY_RECORD, Mango `events/record/added`). */
  | "recording_ready"
  /** A finished call as the provider's statistics list it (backfill, reconciliation). */
  | "summary";

export type TCallDisposition = "answered" | "no_answer" | "busy" | "cancelled" | "failed";

export type TCallEvent = {
  /** Unique per tenant: a repeated event has the same key (reliability R6, R7). */
  eventKey: string;
  providerCallId: string;
  kind: TCallEventKind;
  /** The provider's own name of the event, e.g. `NOTIFY_ANSWER`, or `statistics`. */
  rawType: string;
  direction: "incoming" | "outgoing";
  /** When it happened: the provider's time when the event carries one, else when we received it. */
  at: Date;
  /** The call's start as the provider states it (Zadarma `call_start`, read in the account's zone), UTC. */
  callStartedAt: Date | null;
  /** The outside party in E.164 when it is a phone number, else as given (anonymous, SIP). */
  clientPhone: string | null;
  /** The company number dialled (incoming) or shown (outgoing), E.164. */
  companyNumber: string | null;
  /** The PBX extension this event concerns. */
  extension: string | null;
  /** Seconds, on `ended` and `summary`: the provider's duration of the call. */
  durationSeconds: number | null;
  disposition: TCallDisposition | null;
  /** The provider's disposition as sent (`no answer`, `call failed`, …). */
  rawDisposition: string | null;
  /** On `ended`, `summary` and `recording_ready`: the provider's recording id, when recorded. */
  recordingRef: string | null;
  /** On `ended` and `summary`: whether the provider says the call was recorded. */
  isRecorded: boolean;
  /** The fields as received, for the call's timeline (never secrets). */
  payload: Record<string, string>;
};
