// Lenient readers for Zadarma's JSON: ids and numbers arrive as numbers or strings depending on the
// method (`pbx_id`, `numbers`, statistics `sip`/`clid`), booleans as `true`, `"true"` or `1`.

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A string (trimmed), or a finite number as a string; anything else is `""`. */
export const toText = (value: unknown): string => {
  if (typeof value === "string") return value.trim();
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "";
};

/** `true`, `"true"`, `1` or `"1"`; anything else, a missing value included, is false. */
export const toLooseBoolean = (value: unknown): boolean =>
  value === true || value === 1 || value === "1" || value === "true";
