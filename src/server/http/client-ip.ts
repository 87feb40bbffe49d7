/**
 * The caller's address as reported by the reverse proxy in front of the app. Without a proxy every
 * request shares one bucket ("unknown"), which errs on the side of limiting.
 */
export function getClientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
