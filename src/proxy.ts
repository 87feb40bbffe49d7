import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/env";

/** Pages and APIs that work without a session; everything else needs one. */
const PUBLIC_PREFIXES = ["/sign-in", "/sign-up", "/api/auth", "/api/health", "/api/trpc", "/api/webhooks", "/api/inngest", "/api/track", "/t.js", "/_next", "/favicon"];

/**
 * Session gate. tRPC is left to its own procedure ladder (public procedures like sign-up live there);
 * webhooks and Inngest authenticate by token or signature (reliability R24).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}?`))) return NextResponse.next();
  const token = await getToken({ req: request, secret: getEnv().AUTH_SECRET });
  if (token) return NextResponse.next();
  if (pathname.startsWith("/api/")) return Response.json({ ok: false, error: { code: "UNAUTHENTICATED" } }, { status: 401 });
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("next", `${pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
