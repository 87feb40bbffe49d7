/**
 * Text from outside (webhooks, the tracker, forms) on its way into PostgreSQL. A `text` column
 * refuses the NUL character, and a lone UTF-16 surrogate cannot be encoded as UTF-8 at all, so
 * either one fails the whole statement it travels in (docs/input-text.md).
 */

/** NUL, and surrogates that are not part of a pair. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes what PostgreSQL cannot store in text; everything else is kept as it came. */
export const toStorableText = (value: string): string => value.replace(UNSTORABLE, "");

/**
 * Cuts to at most `maxLength` UTF-16 units (the length PostgreSQL and JavaScript agree on for
 * our limits) without splitting a surrogate pair: a cut that would leave half an emoji drops the
 * whole character instead.
 */
export function truncateText(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  const lastKept = value.charCodeAt(maxLength - 1);
  const isHighSurrogate = lastKept >= 0xd800 && lastKept <= 0xdbff;
  return value.slice(0, isHighSurrogate ? maxLength - 1 : maxLength);
}

/** Cleans, then cuts: the usual treatment of one outside string bound for a bounded column. */
export const toStorableTruncated = (value: string, maxLength: number): string =>
  truncateText(toStorableText(value), maxLength);

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * toStorableText applied to every string of parsed input (JSON, form fields): values and object
 * keys, through arrays and plain objects. Other values (numbers, dates) are kept as they came.
 */
export function toStorableDeep(value: unknown): unknown {
  if (typeof value === "string") return toStorableText(value);
  if (Array.isArray(value)) return value.map(toStorableDeep);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [toStorableText(key), toStorableDeep(field)]),
  );
}
