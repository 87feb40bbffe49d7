/** Outcome of a password sign-in, as the sign-in form needs it. */
export type TSignInResult =
  | { ok: true }
  | { ok: false; reason: "wrong_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "network" };

/**
 * Posts credentials to next-auth directly (instead of `signIn()` from next-auth/react) so that the
 * 429 of our sign-in throttle reaches the form with its Retry-After.
 */
export async function signInWithPassword(email: string, password: string): Promise<TSignInResult> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        email,
        password,
        csrfToken,
        callbackUrl: window.location.origin,
        json: "true",
      }),
    });
    if (response.status === 429)
      return {
        ok: false,
        reason: "rate_limited",
        retryAfterSeconds: Number(response.headers.get("Retry-After") ?? 60),
      };
    if (response.status === 401) return { ok: false, reason: "wrong_credentials" };
    const body = (await response.json()) as { url?: string };
    return body.url && !new URL(body.url).searchParams.has("error")
      ? { ok: true }
      : { ok: false, reason: "wrong_credentials" };
  } catch {
    return { ok: false, reason: "network" };
  }
}

/** A `next` parameter is honoured only for paths on this site, never for other origins. */
export const safeNextPath = (next: string | null | undefined, fallback = "/"): string =>
  next && next.startsWith("/") && !next.startsWith("//") ? next : fallback;
