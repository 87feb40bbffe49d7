import NextAuth from "next-auth";
import { getTranslations } from "next-intl/server";

import { toStorableText } from "@/lib/text/storable-text";
import { buildAuthOptions } from "@/server/auth/options";
import { getDb } from "@/server/db/client";
import { checkSignInAllowed, recordSignInFailure } from "@/server/domain/users/sign-in-throttle";
import { getClientIp } from "@/server/http/client-ip";
import { jsonError } from "@/server/http/json-error";
import { rateLimitHeaders } from "@/server/http/rate-limit-headers";

type TRouteContext = { params: Promise<{ nextauth: string[] }> };

const handleAuth = (request: Request, context: TRouteContext) =>
  NextAuth(request as never, context as never, buildAuthOptions()) as Promise<Response>;

export const GET = handleAuth;

/** Credential sign-ins are rate-limited per e-mail and per IP before next-auth sees them. */
export async function POST(request: Request, context: TRouteContext): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth.join("/") !== "callback/credentials") return handleAuth(request, context);

  const form = await request.clone().formData();
  // Cleaned like every text from outside: it is part of the throttle's stored key (docs/input-text.md).
  const email = toStorableText(String(form.get("email") ?? ""));
  const ip = getClientIp(request.headers);
  const db = getDb();
  const blocked = await checkSignInAllowed(db, email, ip);
  if (blocked) {
    const t = await getTranslations("errors");
    const minutes = Math.ceil(blocked.retryAfterSeconds / 60);
    return jsonError("RATE_LIMITED", t("SIGN_IN_RATE_LIMITED", { minutes }), {
      headers: rateLimitHeaders(blocked),
      details: { retryAfterSeconds: blocked.retryAfterSeconds },
    });
  }
  const response = await handleAuth(request, context);
  // next-auth answers a wrong password with 401 and a redirect to its error page.
  if (response.status === 401) await recordSignInFailure(db, email, ip);
  return response;
}
