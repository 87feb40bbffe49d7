import { getToken } from "next-auth/jwt";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";
import { NextResponse, type NextRequest } from "next/server";

import { getEnv } from "@/env";
import { logger } from "@/server/logging/logger";

/**
 * Pages and APIs that work without a session; everything else needs one. The invite page tells a
 * signed-out visitor who invites them where (only that, and only for a usable link) before sign-in.
 */
const PUBLIC_PREFIXES = ["/sign-in", "/sign-up", "/invite", "/api/auth", "/api/trpc"];

/**
 * Machine endpoints, which authenticate by token, signature or site key (reliability R24). The
 * matcher below keeps them out of the proxy, except for a path with a `%`, which the path check
 * below must see; they pass it without a session.
 */
const MACHINE_PREFIXES = ["/api/track", "/api/webhooks", "/api/inngest", "/api/health", "/t.js"];

/**
 * Files Next serves itself: the build's assets and `public/`. For a method other than GET and HEAD
 * it renders a `/405` page, which an App Router build does not have, and answers 500; the proxy
 * answers the 405 first.
 */
const STATIC_FILE_PATH = /^\/(?:_next\/static\/|icons\/|robots\.txt$)/;

/**
 * The longest address a sign-in redirect carries back in `next`. The redirect's `Location` holds
 * it percent-encoded once more, and proxies refuse response headers past 8–16 KB; a longer address
 * goes back to its path alone.
 */
export const MAX_NEXT_LENGTH = 2048;

const hasPrefix = (pathname: string, prefixes: readonly string[]) =>
  prefixes.some(
    (prefix) =>
      pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}?`),
  );

/**
 * Whether every `%` of the path starts an escape of UTF-8 bytes. Next decodes a dynamic segment
 * (a webhook token, a workspace slug, a procedure name) before the route runs, and when it cannot,
 * it answers 500: an App Router build has no error page to render its 400 with.
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a page request says it is a client-side navigation (`rsc: 1`) with a router state Next
 * cannot parse: Next renders such a request from that state and answers 500 when it cannot. Its
 * own parser decides, so the check is never looser or stricter than the render.
 */
export function hasUnusableRouterState(headers: Headers): boolean {
  const state = headers.get("next-router-state-tree");
  if (headers.get("rsc") !== "1" || state === null) return false;
  try {
    parseAndValidateFlightRouterState(state);
    return false;
  } catch {
    return true;
  }
}

/**
 * Request headers Next's static file server answers with an error status of its own (416 for a
 * range past the end, 412 for a failed precondition), which it renders as the missing status page:
 * a 500. They are dropped, and the whole file is the answer, as RFC 9110 §14.2 allows for a range;
 * the files of a build never change, so a precondition on them has nothing to guard.
 */
const STATIC_FILE_ERROR_HEADERS = ["range", "if-range", "if-match", "if-unmodified-since"];

/** A static file request as Next can serve it without an error page (see `STATIC_FILE_PATH`). */
function passStaticFileRequest(request: NextRequest): Response {
  if (request.method !== "GET" && request.method !== "HEAD")
    return new Response(null, { status: 405, headers: { allow: "GET, HEAD" } });
  if (!STATIC_FILE_ERROR_HEADERS.some((name) => request.headers.has(name)))
    return NextResponse.next();
  const headers = new Headers(request.headers);
  for (const name of STATIC_FILE_ERROR_HEADERS) headers.delete(name);
  return NextResponse.next({ request: { headers } });
}

const refuseRequest = (field: string, message: string, logged: Record<string, unknown>) => {
  logger.warn("request refused", { field, ...logged });
  return Response.json(
    { ok: false, error: { code: "VALIDATION", field, message } },
    { status: 400 },
  );
};

/**
 * The query to come back to. The proxy sees the URL as sent (`skipProxyUrlNormalize`), with the
 * `_rsc` cache key of a client-side navigation, which a page address should not carry.
 */
export function searchToKeep(request: NextRequest): string {
  if (!request.nextUrl.searchParams.has("_rsc")) return request.nextUrl.search;
  const url = request.nextUrl.clone();
  url.searchParams.delete("_rsc");
  return url.search;
}

/** Where a signed-out visitor is sent: sign-in, with the address to come back to when it fits. */
export function signInRedirectPath(pathname: string, search: string): string {
  const back = `${pathname}${search}`.length <= MAX_NEXT_LENGTH ? `${pathname}${search}` : pathname;
  if (back.length > MAX_NEXT_LENGTH) return "/sign-in";
  return `/sign-in?${new URLSearchParams({ next: back })}`;
}

/**
 * Session gate. tRPC is left to its own procedure ladder (public procedures like sign-up live there);
 * webhooks and Inngest authenticate by token or signature (reliability R24). A path that cannot be
 * decoded, and a navigation whose router state cannot be parsed, are refused first with 400:
 * Next would answer 500 for either.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!isDecodablePath(pathname))
    return refuseRequest("path", "the path has a % that does not start an escape of UTF-8 bytes", {
      path: pathname.slice(0, 256),
    });
  if (STATIC_FILE_PATH.test(pathname)) return passStaticFileRequest(request);
  if (hasUnusableRouterState(request.headers))
    return refuseRequest(
      "next-router-state-tree",
      "the router state header of a client-side navigation could not be parsed",
      { path: pathname.slice(0, 256) },
    );
  if (hasPrefix(pathname, PUBLIC_PREFIXES) || hasPrefix(pathname, MACHINE_PREFIXES))
    return NextResponse.next();
  const token = await getToken({ req: request, secret: getEnv().AUTH_SECRET });
  if (token) return NextResponse.next();
  if (pathname.startsWith("/api/"))
    return Response.json({ ok: false, error: { code: "UNAUTHENTICATED" } }, { status: 401 });
  return NextResponse.redirect(
    new URL(signInRedirectPath(pathname, searchToKeep(request)), request.url),
  );
}

/**
 * Machine endpoints never pass through the gate: webhooks and Inngest authenticate by token or
 * signature, the tracker by site key and origin; health probes, the icons and the web app manifest
 * are open. Skipping the proxy matters for their load: for a request with a body Next tees the body
 * stream so that both the proxy and the route could read it, which costs a POST more CPU than the
 * route itself (`npm run bench:track`). Their paths with a `%` come in all the same, for the path
 * check (a token never has one). Static files (`/_next/static`, `public/`) come in for the method
 * check and pass at once.
 */
export const config = {
  matcher: [
    "/((?!_next/(?!static/)|favicon\\.ico|icon\\.svg|apple-icon\\.png|manifest\\.webmanifest$|t\\.js$|api/(?:track|webhooks|inngest|health)(?:/|$)(?!.*%)).*)",
  ],
};
