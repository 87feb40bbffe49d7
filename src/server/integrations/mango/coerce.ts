// Lenient readers for Mango's JSON: ids and numbers arrive as numbers or strings.

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A string (trimmed), or a finite number as a string; anything else is `""`. */
export const toText = (value: unknown): string => {
  if (typeof value === "string") return value.trim();
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "";
};
