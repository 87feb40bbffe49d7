// Result codes of the VPBX API. 1000 is documented (success); 3xxx is the "wrong request" class the
// lockout rule counts (document v1.9, section 1.4.1) and 5008 the limit answer (section 1.4.4). The
// individual 3xxx and 4xxx values are a **Choice** (README "Result codes").

export const RESULT = {
  ok: 1000,
  /** Wrong command parameters (a value present but unusable). */
  badParams: 3100,
  /** The request was not a POST. */
  notPost: 3101,
  /** `sign` does not match sha256(key + json + salt). */
  badSign: 3102,
  /** A required form field or JSON parameter is missing. */
  missingParam: 3103,
  /** A parameter in the wrong format: `json` that does not parse, a number that is not digits … */
  badFormat: 3104,
  /** No VPBX with this `vpbx_api_key`. */
  unknownKey: 3105,
  /** No such extension (user) in the VPBX. */
  unknownExtension: 3310,
  /** No such recording, or not in storage yet. */
  unknownRecording: 3320,
  /** No such call (commands/call/hangup). */
  unknownCall: 3330,
  /** No such statistics key, or it expired. */
  unknownStatsKey: 3340,
  /** The command is not supported by the emulator. */
  unsupported: 4001,
  /** A request limit was exceeded (HTTP 503). */
  limitExceeded: 5008,
} as const;

/** Thrown by command handlers: answered as `{"result": code}` (3xxx ones count towards the lockout). */
export class ApiError extends Error {
  constructor(
    readonly result: number,
    message: string,
  ) {
    super(message);
  }
}

export const isWrongRequest = (result: number): boolean => result >= 3000 && result < 4000;
