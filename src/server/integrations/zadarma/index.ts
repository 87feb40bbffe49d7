// Public surface of the Zadarma adapter (docs/telephony-zadarma.md).
export { createZadarmaClient, DEFAULT_ZADARMA_TIMEOUT_MS } from "./client";
export type {
  TZadarmaClient,
  TZadarmaClientOptions,
  TZadarmaNotificationToggles,
  TZadarmaStatisticsQuery,
} from "./client";
export type { TZadarmaCredentials } from "./credentials";
export { normalizeZadarmaDisposition } from "./disposition";
export { ZadarmaError } from "./errors";
export type { TZadarmaErrorCode } from "./errors";
export { formatZadarmaLocalTime, parseZadarmaLocalTime, zadarmaTimeZoneToIana } from "./local-time";
export { identifyZadarmaNotification, parseZadarmaNotification } from "./notification";
export type {
  TZadarmaCallEventName,
  TZadarmaNotificationContext,
  TZadarmaNotificationIdentity,
  TZadarmaNotificationResult,
} from "./notification";
export {
  notificationSignatureString,
  signNotification,
  verifyNotificationSignature,
} from "./notification-signature";
export type { TNotificationVerification } from "./notification-signature";
export { toCallPhone } from "./phone";
export { signRestRequest } from "./rest-signature";
export { buildParamsString, encodeRfc1738 } from "./rfc1738";
export { parseZadarmaStatisticsRow, statisticsRowToEvent } from "./statistics";
export type { TZadarmaStatisticsRow } from "./statistics";
export { createZadarmaThrottle, DEFAULT_ZADARMA_THROTTLE } from "./throttle";
export type { TZadarmaThrottle, TZadarmaThrottleConfig } from "./throttle";
