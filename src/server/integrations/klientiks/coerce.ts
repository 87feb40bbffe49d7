// Lenient readers for scalar values in Klientiks responses. Klientiks is a PHP service with several
// generations of public clients, and the contract asks us to tolerate every variant they show
// (klientiks-contract §7, §16 items 10–11) instead of failing a whole response over one field.

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** §7: `true`/`false`, `0`/`1` or `"0"`/`"1"`. Anything else, including a missing value, is false. */
export const toLooseBoolean = (value: unknown): boolean =>
  value === true || value === 1 || value === "1" || value === "true";

/**
 * A positive integer id from a number or a digit string. Anything else, including `0`, is `null`:
 * Klientiks ids start at 1, and `0` appears where a reference is unset.
 */
export const toId = (value: unknown): number | null => {
  const id =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : Number.NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

/** A string, or a finite number as a string; anything else is `""`. */
export const toText = (value: unknown): string => {
  if (typeof value === "string") return value;
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "";
};

/** A non-negative integer from a number or a digit string (offsets, limits), else `null`. */
export const toCount = (value: unknown): number | null => {
  const count =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : Number.NaN;
  return Number.isSafeInteger(count) && count >= 0 ? count : null;
};

/**
 * §7: a price is a number or a numeric string with a comma or dot decimal (spaces as thousands
 * separators are tolerated). A missing price (`undefined`, `null`, `""`) is 0. Anything else is
 * `null`, which the caller turns into 0 and a warning.
 */
export const toPrice = (value: unknown): number | null => {
  if (value === undefined || value === null || value === "") return 0;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const normalized = value.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : null;
};

/**
 * The objects of a list field. PHP encodes an array with gaps in its keys as a JSON object
 * (`{"0": {…}, "2": {…}}`), so an object's values count as the list; non-objects are dropped.
 */
export const toRecords = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : []).filter(isRecord);
