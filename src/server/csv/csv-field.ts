const E164_PHONE = /^\+\d{6,15}$/;

/** Quotes a field when needed and defuses spreadsheet formulas (a leading =, +, - or @; phones stay as they are). */
export function toCsvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !E164_PHONE.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A database value as CSV text: nothing for null, ISO for instants, lists joined with «; ». */
export function toCsvText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toCsvText).join("; ");
  return String(value);
}
