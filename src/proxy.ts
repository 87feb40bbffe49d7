import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

import { getEnv } from "@/env";

/**
 * Pages and APIs that work without a session; everything else needs one. The invite page tells a
 * signed-out visitor who invites them where (only that, and only for a usable link) before sign-in.
 */
const PUBLIC_PREFIXES = ["/sign-in", "/sign-up", "/invite", "/api/auth", "/api/trpc"];

/**
 * Session gate. tRPC is left to its own procedure ladder (public procedures like sign-up live there);
 * webhooks and Inngest authenticate by token or signature (reliability R24).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (
    PUBLIC_PREFIXES.some(
      (prefix) =>
        pathname === prefix ||
        pathname.startsWith(`${prefix}/`) ||
        pathname.startsWith(`${prefix}?`),
    )
  )
    return NextResponse.next();
  const token = await getToken({ req: request, secret: getEnv().AUTH_SECRET });
  if (token) return NextResponse.next();
  if (pathname.startsWith("/api/"))
    return Response.json({ ok: false, error: { code: "UNAUTHENTICATED" } }, { status: 401 });
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("next", `${pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

/**
 * Machine endpoints never pass through the gate: webhooks and Inngest authenticate by token or
 * signature, the tracker by site key and origin; health probes, the icons, the web app manifest and
 * robots.txt are open.
 * Skipping the proxy matters for their load: for a request with a body Next tees the body stream so that both the proxy and the
 * route could read it, which costs a POST more CPU than the route itself (`npm run bench:track`).
 */
export const config = {
  matcher: [
    "/((?!_next/|favicon\\.ico|icon\\.svg|apple-icon\\.png|icons/|manifest\\.webmanifest$|robots\\.txt$|t\\.js$|api/(?:track|webhooks|inngest|health)(?:/|$)).*)",
  ],
};
