import { isRecord, toCount, toId } from "./coerce";
import {
  classifyKlientiksErrorText,
  KlientiksError,
  type TKlientiksErrorOptions,
  type TKlientiksFieldErrors,
} from "./errors";

/** A parsed JSON body and what error messages about it need. */
export type TKlientiksResponse = {
  body: unknown;
  /** The method and the URL with the token already redacted. */
  context: string;
  /** Scrubs the request's token from text quoted out of the body (errors.ts). */
  scrub: (text: string) => string;
};

/** One page of a list (klientiks-contract §4.1), items still raw. */
export type TKlientiksListEnvelope = {
  items: unknown[];
  /** The response `offset`, which the emulator sets to the next page's offset (§5); `null` when absent. */
  offset: number | null;
  /** The effective page size the server reports, which may differ from ours (§16 item 7). */
  limit: number | null;
};

const NO_DATA = /^\s*no data\s*$/i;
const MAX_QUOTED_TEXT = 300;

const quote = (text: string): string =>
  `«${text.length > MAX_QUOTED_TEXT ? `${text.slice(0, MAX_QUOTED_TEXT)}…` : text}»`;

const describeJsonType = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;

const hasValue = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== false && value !== "";

const fail = (
  { context, scrub }: TKlientiksResponse,
  options: Omit<TKlientiksErrorOptions, "scrub">,
): KlientiksError =>
  new KlientiksError({ ...options, message: `${context}: ${options.message}`, scrub });

const apiError = (response: TKlientiksResponse, text: string): KlientiksError =>
  fail(response, {
    kind: classifyKlientiksErrorText(text, { isAuthStatus: false }),
    message: `Klientiks answered ${quote(text)}`,
  });

/**
 * §4.5: an HTTP 2xx body whose top level has an `error` and no `items`/`status` is an API error
 * carrying that text; credential and disabled-API wording is classified as such (§16 item 5).
 */
const readEnvelope = (response: TKlientiksResponse): Record<string, unknown> => {
  const { body } = response;
  if (!isRecord(body))
    throw fail(response, {
      kind: "bad_response",
      message: `expected a JSON object, got ${describeJsonType(body)}`,
    });
  if (hasValue(body.error) && !("items" in body) && !("status" in body)) {
    throw apiError(
      response,
      typeof body.error === "string" ? body.error : JSON.stringify(body.error),
    );
  }
  return body;
};

type TItems =
  | { shape: "empty" }
  | { shape: "array"; items: unknown[] }
  | { shape: "object"; item: Record<string, unknown> };

/**
 * §4.1, §16 item 1: `items` may be an array, an object, `"No data"`, `[]`, `null` or missing; the
 * last four mean "nothing". Any other string is an API error whose text is the string.
 */
const readItems = (envelope: Record<string, unknown>, response: TKlientiksResponse): TItems => {
  const { items } = envelope;
  if (items === undefined || items === null) return { shape: "empty" };
  if (typeof items === "string") {
    if (NO_DATA.test(items)) return { shape: "empty" };
    throw apiError(response, items);
  }
  if (Array.isArray(items))
    return items.length === 0 ? { shape: "empty" } : { shape: "array", items };
  if (isRecord(items)) return { shape: "object", item: items };
  throw fail(response, {
    kind: "bad_response",
    message: `unexpected items of type ${describeJsonType(items)}`,
  });
};

/** A list page (§4.1, §5). Throws a classified {@link KlientiksError} for error answers. */
export const parseListEnvelope = (response: TKlientiksResponse): TKlientiksListEnvelope => {
  const envelope = readEnvelope(response);
  const items = readItems(envelope, response);
  const offset = toCount(envelope.offset);
  const limit = toCount(envelope.limit);
  if (items.shape === "empty") return { items: [], offset, limit };
  if (items.shape === "array") return { items: items.items, offset, limit };
  // An object is either one entity or PHP's encoding of an array with gaps in its keys.
  return { items: "id" in items.item ? [items.item] : Object.values(items.item), offset, limit };
};

/**
 * A single-object answer (§4.2): `items` as an object, `items` as a one-element array, or the entity
 * at the top level (recognised by a numeric `id`). Returns `null` for "not found" (`"No data"` and
 * the other empty forms).
 */
export const parseSingleEnvelope = (response: TKlientiksResponse): unknown => {
  const envelope = readEnvelope(response);
  if (!("items" in envelope) && toId(envelope.id) !== null) return envelope;
  const items = readItems(envelope, response);
  if (items.shape === "empty") return null;
  if (items.shape === "object") return items.item;
  if (items.items.length === 1) return items.items[0];
  throw fail(response, {
    kind: "bad_response",
    message: `expected one object, got a list of ${items.items.length}`,
  });
};

const GENERAL_ERRORS_KEY = "_general";

const toMessages = (value: unknown): string[] => {
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(toMessages);
  return [JSON.stringify(value)];
};

/**
 * §4.4, §16 item 4: `errors` is normally a map from field to messages, but may be a list (or a bare
 * string). Returns `null` when there is nothing in it (`{}`, `[]`, `null`, missing).
 */
const readFieldErrors = (errors: unknown): TKlientiksFieldErrors | null => {
  const entries: Array<[string, string[]]> = isRecord(errors)
    ? Object.entries(errors).map(([field, messages]) => [field, toMessages(messages)])
    : [[GENERAL_ERRORS_KEY, toMessages(errors)]];
  const nonEmpty = entries.filter(([, messages]) => messages.length > 0);
  return nonEmpty.length === 0 ? null : Object.fromEntries(nonEmpty);
};

const describeFirstFieldError = (fieldErrors: TKlientiksFieldErrors): string => {
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const message = messages[0];
    if (message !== undefined)
      return field === GENERAL_ERRORS_KEY ? message : `${field}: ${message}`;
  }
  return "";
};

/** §4.4, §16 item 2: `"ok"`, `true`, `1` and `"1"` are success; `false` (or anything else) is not. */
const isSuccessStatus = (status: unknown): boolean =>
  status === true ||
  status === 1 ||
  (typeof status === "string" && ["ok", "1", "true"].includes(status.trim().toLowerCase()));

/**
 * A create/edit answer (§4.4). Success means a truthy `status` AND no `errors` (§16 item 3: `true`
 * with errors means nothing was written). Returns the `object` Klientiks sent back, or `null`.
 * Failures are `validation` errors carrying every field message, or `bad_response` without a status.
 */
export const parseWriteEnvelope = (
  response: TKlientiksResponse,
): Record<string, unknown> | null => {
  const envelope = readEnvelope(response);
  const fieldErrors = readFieldErrors(envelope.errors);
  if (isSuccessStatus(envelope.status) && fieldErrors === null) {
    return isRecord(envelope.object) ? envelope.object : null;
  }
  if (fieldErrors !== null) {
    throw fail(response, {
      kind: "validation",
      message: `Klientiks rejected the write: ${describeFirstFieldError(fieldErrors)}`,
      fieldErrors,
    });
  }
  if (!("status" in envelope))
    throw fail(response, { kind: "bad_response", message: "the write answer has no status" });
  throw fail(response, {
    kind: "validation",
    message: `Klientiks rejected the write with status ${JSON.stringify(envelope.status)} and no field errors`,
  });
};
