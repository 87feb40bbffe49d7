import { parseCookie } from "next/dist/compiled/@edge-runtime/cookies";

import { readCappedBody } from "@/server/http/read-capped-body";

/**
 * Checks on requests to next-auth's routes that next-auth itself answers with a 500 ("a problem
 * with the server configuration") or an exception: they become 400s naming what is wrong.
 */

/** What next-auth's own client posts is a small form; sign-in's is well under a kilobyte. */
export const MAX_AUTH_FORM_BYTES = 16 * 1024;

/** The cookie next-auth keeps the page to return to in, plain and with the secure prefix. */
const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

type TRefusal = {
  status: number;
  field: string;
  message: string;
  headers?: Record<string, string>;
};

export const refusalResponse = (refusal: TRefusal): Response =>
  Response.json(
    { ok: false, error: { code: "VALIDATION", field: refusal.field, message: refusal.message } },
    { status: refusal.status, headers: refusal.headers },
  );

/**
 * next-auth's rule for a callback URL (`isValidHttpUrl` in its config check, which answers 500
 * otherwise): a path on this site, or an http(s) URL; it sends other origins home afterwards.
 */
function isUsableCallbackUrl(value: string, requestUrl: string): boolean {
  try {
    return /^https?:$/.test(
      new URL(value, value.startsWith("/") ? requestUrl : undefined).protocol,
    );
  } catch {
    return false;
  }
}

/**
 * Cookies by name as next-auth gets them: Next's own parser (the last of a repeated name wins, a
 * value that cannot be decoded is skipped), so the check sees exactly the value next-auth will.
 */
const readCookies = (request: Request) => parseCookie(request.headers.get("cookie") ?? "");

/**
 * The callback URLs of a request (every `callbackUrl` of the query and the form, next-auth's
 * cookie) that next-auth would fail on, as a 400; a bad cookie is also cleared, so the next try
 * works. Every value of a repeated parameter is checked: next-auth reads the last, URLSearchParams
 * the first.
 */
export function refuseBadCallbackUrls(
  request: Request,
  formCallbackUrls: readonly string[] = [],
): TRefusal | null {
  const values = [...new URL(request.url).searchParams.getAll("callbackUrl"), ...formCallbackUrls];
  if (values.some((value) => value && !isUsableCallbackUrl(value, request.url)))
    return {
      status: 400,
      field: "callbackUrl",
      message: "callbackUrl must be a path on this site or an http(s) URL",
    };
  const cookies = readCookies(request);
  for (const name of CALLBACK_URL_COOKIES) {
    const value = cookies.get(name);
    if (value && !isUsableCallbackUrl(value, request.url))
      return {
        status: 400,
        field: `cookie ${name}`,
        message: `the ${name} cookie must hold a path on this site or an http(s) URL; it has been cleared`,
        headers: {
          "set-cookie": `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`,
        },
      };
  }
  return null;
}

export type TAuthForm =
  { ok: true; body: Buffer; fields: URLSearchParams } | { ok: false; refusal: TRefusal };

/**
 * The form of a POST to next-auth, read up to its cap: next-auth would parse JSON it cannot (an
 * exception), read any other type as no form at all, and read a body of any size.
 */
export async function readAuthForm(request: Request): Promise<TAuthForm> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded"))
    return {
      ok: false,
      refusal: {
        status: 415,
        field: "content-type",
        message:
          "sign-in, sign-out and the other auth actions take an application/x-www-form-urlencoded form",
      },
    };
  const body = await readCappedBody(request, MAX_AUTH_FORM_BYTES);
  if (body === null)
    return {
      ok: false,
      refusal: {
        status: 413,
        field: "body",
        message: `the form is larger than ${MAX_AUTH_FORM_BYTES} bytes`,
      },
    };
  return { ok: true, body, fields: new URLSearchParams(body.toString("utf8")) };
}
