import NextAuth from "next-auth";
import { getTranslations } from "next-intl/server";
import { NextRequest } from "next/server";

import { toStorableText } from "@/lib/text/storable-text";
import { buildAuthOptions } from "@/server/auth/options";
import { getDb } from "@/server/db/client";
import { checkSignInAllowed, recordSignInFailure } from "@/server/domain/users/sign-in-throttle";
import { readAuthForm, refusalResponse, refuseBadCallbackUrls } from "@/server/http/auth-request";
import { getClientIp } from "@/server/http/client-ip";
import { jsonError } from "@/server/http/json-error";
import { rateLimitHeaders } from "@/server/http/rate-limit-headers";
import { logger } from "@/server/logging/logger";

type TRouteContext = { params: Promise<{ nextauth: string[] }> };

const log = logger.child({ component: "auth-route" });

const handleAuth = (request: NextRequest, context: TRouteContext) =>
  NextAuth(request as never, context as never, buildAuthOptions()) as Promise<Response>;

const refuse = (action: string, refusal: Parameters<typeof refusalResponse>[0]) => {
  log.warn("auth request refused", { action, field: refusal.field, status: refusal.status });
  return refusalResponse(refusal);
};

export async function GET(request: NextRequest, context: TRouteContext): Promise<Response> {
  const action = (await context.params).nextauth.join("/");
  // Credentials come back by POST only; next-auth throws on a GET of their callback.
  if (action === "callback/credentials")
    return refuse(action, {
      status: 405,
      field: "method",
      message: "the credentials callback takes a POST",
      headers: { allow: "POST" },
    });
  const refusal = refuseBadCallbackUrls(request);
  return refusal ? refuse(action, refusal) : handleAuth(request, context);
}

/**
 * The form is read here, up to its cap, and handed to next-auth as it came. Credential sign-ins are
 * rate-limited per e-mail and per IP before next-auth sees them.
 */
export async function POST(request: NextRequest, context: TRouteContext): Promise<Response> {
  const action = (await context.params).nextauth.join("/");
  const form = await readAuthForm(request);
  if (!form.ok) return refuse(action, form.refusal);
  const refusal = refuseBadCallbackUrls(request, form.fields.getAll("callbackUrl"));
  if (refusal) return refuse(action, refusal);
  const forwarded = new NextRequest(request.url, {
    method: "POST",
    headers: request.headers,
    body: new Uint8Array(form.body),
  });
  if (action !== "callback/credentials") return handleAuth(forwarded, context);

  // Cleaned like every text from outside: it is part of the throttle's stored key (docs/input-text.md).
  const email = toStorableText(form.fields.get("email") ?? "");
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
  const response = await handleAuth(forwarded, context);
  // next-auth answers a wrong password with 401 and a redirect to its error page.
  if (response.status === 401) await recordSignInFailure(db, email, ip);
  return response;
}
