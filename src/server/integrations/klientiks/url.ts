import type { TKlientiksCredentials } from "./credentials";

/** The `{action}` segment (klientiks-contract §2). */
export type TKlientiksAction =
  "list" | "add" | "edit" | "getACL" | "getAppointment" | "roistatExportAcl";

/** Ordered `key/value` path pairs that follow the credentials, e.g. `[["m", "Users"]]` (§2). */
export type TKlientiksPathPairs = ReadonlyArray<readonly [key: string, value: string]>;

export type TKlientiksQuery = Readonly<Record<string, string | number>>;

export type TBuildKlientiksUrlOptions = {
  /** Scheme and host, e.g. `https://klientiks.ru` or the emulator's `http://127.0.0.1:4010` (§2). */
  baseUrl: string;
  action: TKlientiksAction;
  credentials: TKlientiksCredentials;
  path?: TKlientiksPathPairs;
  query?: TKlientiksQuery;
};

// Path values such as `status,statuses` are copied verbatim by every public client (§8.1), so the
// comma stays literal. Everything else is percent-encoded so that no value can add path segments.
const encodePathSegment = (value: string): string =>
  encodeURIComponent(value).replaceAll("%2C", ",");

/**
 * Builds `{baseUrl}/clientix/Restapi/{action}/a/{A}/u/{U}/t/{T}[/key/value]*[/][?query]`.
 *
 * klientiks-contract §2: exact `Restapi` capitalisation, the token in the path (never a header),
 * and a trailing slash on every call except `m/availableTimes`, which public clients call without
 * one. The result contains the token: it must only ever reach `fetch`, and anything derived from it
 * for messages or logs must go through {@link redactKlientiksUrl}.
 */
export const buildKlientiksUrl = ({
  baseUrl,
  action,
  credentials,
  path = [],
  query = {},
}: TBuildKlientiksUrlOptions): string => {
  const segments = [
    action,
    "a",
    credentials.accountId,
    "u",
    credentials.userId,
    "t",
    credentials.accessToken,
    ...path.flat(),
  ];
  const isAvailableTimes = path.some(([key, value]) => key === "m" && value === "availableTimes");
  const pathname = `/clientix/Restapi/${segments.map(encodePathSegment).join("/")}${isAvailableTimes ? "" : "/"}`;
  const search = new URLSearchParams(
    Object.entries(query).map(([key, value]) => [key, String(value)]),
  ).toString();
  return `${baseUrl.replace(/\/+$/, "")}${pathname}${search ? `?${search}` : ""}`;
};

const REDACTIONS: ReadonlyArray<readonly [pattern: RegExp, replacement: string]> = [
  // `/t/{token}`, also JSON-escaped as `\/t\/{token}` (PHP's json_encode escapes slashes). The token
  // ends at the next `/`, `?`, `#`, `&`, whitespace or quote, so surrounding text survives.
  [/(\\?\/t\\?\/)(?:(?!\\?\/)[^?#&\s"'<>])+/gi, "$1***"],
  // The same path percent-encoded, e.g. a Klientiks URL carried inside another URL's query string.
  [/(%2Ft%2F)(?:(?!%2F)[^?#&\s"'<>])+/gi, "$1***"],
  // The emulator also accepts `Authorization: Bearer {token}` (§2); never let one reach a log.
  [/(\bBearer\s+)[^\s"',;]+/gi, "$1***"],
];

/**
 * Replaces the Klientiks token wherever it appears in `text` with `***` (klientiks-contract §2,
 * reliability R11, R25). Safe on any string, idempotent, and applied to every error message and
 * `cause` that leaves this module.
 */
export const redactKlientiksUrl = (text: string): string =>
  REDACTIONS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
