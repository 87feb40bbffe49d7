const SECRET_KEY_PATTERN =
  /authorization|cookie|token|secret|salt|password|^sign$|signature|vpbx_api_key|keyring/i;

/**
 * Hides secrets in anything we log (reliability R25): values under secret-looking keys, the
 * Klientiks token path segment `/t/{token}`, our own webhook endpoint tokens and invite tokens in
 * request paths. Pure: the browser's development tRPC logger uses it too (src/trpc/dev-logger-link.ts).
 */
export function redactText(text: string): string {
  return (
    text
      .replace(/\/t\/[^/?#\s"']+/g, "/t/***")
      .replace(/(\/api\/webhooks\/[a-z]+\/)[^/?#\s"']+/gi, "$1***")
      .replace(/(\/invite\/)[^/?#\s"']+/gi, "$1***")
      // The sign-in link back to an invite carries its path percent-encoded (`?next=%2Finvite%2F…`).
      .replace(/(%2Finvite%2F)[^&#\s"']+/gi, "$1***")
      .replace(/(Bearer\s+)[^\s"']+/gi, "$1***")
  );
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value instanceof Error)
    return {
      name: value.name,
      message: redactText(value.message),
      stack: value.stack ? redactText(value.stack) : undefined,
    };
  if (value === null || typeof value !== "object" || value instanceof Date || depth > 6)
    return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      SECRET_KEY_PATTERN.test(key) ? "[Redacted]" : redactValue(child, depth + 1),
    ]),
  );
}
