/** Every telephony provider: one mechanism (imports, recordings, settings, webhooks) serves them all. */
export const TELEPHONY_KINDS: TTelephonyKind[] = ["zadarma", "mango"];

export type TTelephonyKind = "zadarma" | "mango";

export const isTelephonyKind = (kind: string): kind is TTelephonyKind =>
  (TELEPHONY_KINDS as string[]).includes(kind);
