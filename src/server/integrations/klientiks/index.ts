// Public surface of the Klientiks REST client (klientiks-contract §2–§9, §13–§14, §16).
export { createKlientiksClient, DEFAULT_KLIENTIKS_TIMEOUT_MS } from "./client";
export type { TKlientiksApiClient, TKlientiksClientOptions, TKlientiksNewClient } from "./client";
export type { TKlientiksCredentials } from "./credentials";
export { KlientiksError } from "./errors";
export type { TKlientiksErrorKind, TKlientiksFieldErrors } from "./errors";
export { findKlientiksLeadTag } from "./lead-tag";
export { createKlientiksNormalizer } from "./normalize";
export type { TKlientiksNormalizerOptions } from "./normalize";
export { normalizeKlientiksPhone } from "./phone";
export { DEFAULT_KLIENTIKS_THROTTLE } from "./throttle";
export type { TKlientiksThrottleConfig } from "./throttle";
export type {
  TKlientiksAclRow,
  TKlientiksAppointedService,
  TKlientiksAppointment,
  TKlientiksClient,
  TKlientiksClientLink,
  TKlientiksDynamicFields,
  TKlientiksDynamicValue,
  TKlientiksService,
  TKlientiksUser,
  TKlientiksWarning,
} from "./types";
export { redactKlientiksUrl } from "./url";
