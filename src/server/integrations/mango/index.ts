// Public surface of the Mango Office adapter (docs/telephony-mango.md).
export {
  createMangoClient,
  DEFAULT_MANGO_TIMEOUT_MS,
  isAllowedRecordingHost,
  MANGO_CIRCUIT_MS,
} from "./client";
export type {
  TMangoAccount,
  TMangoCallbackRequest,
  TMangoCircuit,
  TMangoClient,
  TMangoClientOptions,
  TMangoLine,
  TMangoStatsQuery,
  TMangoStatsResult,
} from "./client";
export type { TMangoCredentials } from "./credentials";
export { normalizeMangoDisposition } from "./disposition";
export { MangoError } from "./errors";
export type { TMangoErrorCode } from "./errors";
export {
  identifyMangoEvent,
  MANGO_CALLBACK_RESULT_PREFIX,
  mangoLegStates,
  parseMangoEvent,
  parseMangoJson,
} from "./events";
export type {
  TMangoEventIdentity,
  TMangoEventPath,
  TMangoEventResult,
  TMangoLegState,
} from "./events";
export { isSameApiKey, signMango, verifyMangoSign } from "./signature";
export type { TMangoSignVerification } from "./signature";
export {
  MANGO_STATS_FIELDS,
  mangoStatsRowToEvent,
  parseMangoStatsCsv,
  splitMangoCsvLine,
} from "./statistics";
export type { TMangoStatsParse, TMangoStatsRow } from "./statistics";
export { parseMangoUsers } from "./users";
export type { TMangoUser } from "./users";
