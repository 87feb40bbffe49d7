import type { TDbClient } from "@/server/db/types";
import {
  hitRateLimit,
  peekRateLimit,
  type TRateLimitState,
} from "@/server/domain/rate-limit/fixed-window";

const WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins allowed per window before further attempts are refused. */
export const SIGN_IN_FAILURES_PER_EMAIL = 5;
export const SIGN_IN_FAILURES_PER_IP = 20;

const rulesFor = (email: string, ip: string) => [
  {
    key: `sign-in:email:${email.trim().toLowerCase()}`,
    limit: SIGN_IN_FAILURES_PER_EMAIL,
    windowSeconds: WINDOW_SECONDS,
  },
  { key: `sign-in:ip:${ip}`, limit: SIGN_IN_FAILURES_PER_IP, windowSeconds: WINDOW_SECONDS },
];

/** The most restrictive state among the e-mail and IP counters; limited once failures reach the cap. */
export async function checkSignInAllowed(
  db: TDbClient,
  email: string,
  ip: string,
): Promise<TRateLimitState | null> {
  const states = await Promise.all(rulesFor(email, ip).map((rule) => peekRateLimit(db, rule)));
  const limited = states
    .filter((state) => state.isLimited)
    .sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds);
  return limited[0] ?? null;
}

export async function recordSignInFailure(db: TDbClient, email: string, ip: string): Promise<void> {
  await Promise.all(rulesFor(email, ip).map((rule) => hitRateLimit(db, rule)));
}
