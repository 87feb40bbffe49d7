import fc from "fast-check";

import { formBody, hostileBody, jsonBody } from "../bodies";
import {
  anyMethod,
  contentType,
  headerValueOf,
  hostileQuery,
  hostileText,
  pathSegment,
} from "../hostile";
import { fuzzRequest, headersOf, SIGN_IN_FAILURE, usuallyOr, type TFuzzTarget } from "../target";

const NEXT_AUTH_ACTIONS = [
  "csrf",
  "session",
  "providers",
  "signin",
  "signin/credentials",
  "callback/credentials",
  "callback/credentials",
  "callback/credentials",
  "callback/unknown",
  "signout",
  "error",
  "_log",
  "verify-request",
];

const CALLBACK_URLS = [
  "/",
  "/w/x",
  "https://evil.example/",
  "//evil.example",
  "javascript:alert(1)",
  "http://127.0.0.1:1/",
];

/**
 * next-auth's routes, credential sign-ins above all: with the CSRF cookie and its token, one of
 * them, or neither; the owner's e-mail or any; forms in any encoding, JSON where a form belongs.
 */
export const nextAuth: TFuzzTarget = {
  name: "next-auth",
  writesAfterAnswer: false,
  rejectionRecords: [SIGN_IN_FAILURE],
  requests: (context) => {
    const credentials = fc
      .record(
        {
          email: fc.oneof(fc.constant(context.ownerEmail), fc.emailAddress(), hostileText),
          password: fc.oneof(fc.string({ minLength: 8, maxLength: 40 }), hostileText),
          csrfToken: fc.oneof(
            { weight: 3, arbitrary: fc.constant(context.csrf.token) },
            hostileText,
          ),
          callbackUrl: fc.oneof(fc.constantFrom(...CALLBACK_URLS), hostileText),
          json: fc.constantFrom("true", "false", ""),
          redirect: fc.constantFrom("false", "true"),
        },
        { requiredKeys: [] },
      )
      .map((fields) => Object.entries(fields) as [string, string][]);
    return fuzzRequest({
      method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("GET", "POST", "POST") }, anyMethod),
      path: fc
        .tuple(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...NEXT_AUTH_ACTIONS) },
            pathSegment([]),
            fc.constant("a/b/c/d/e/f"),
          ),
          hostileQuery(
            fc.array(fc.tuple(fc.constantFrom("callbackUrl", "error", "csrf"), hostileText), {
              maxLength: 2,
            }),
            ["callbackUrl", "error"],
          ),
        )
        .map(([action, query]) => `/api/auth/${action}${query}`),
      headers: headersOf({
        "content-type": usuallyOr(
          fc.constant("application/x-www-form-urlencoded"),
          contentType.map((type) => type ?? ""),
        ),
        cookie: usuallyOr(
          fc.constant(context.csrf.cookie),
          hostileText.map((text) => headerValueOf(`next-auth.csrf-token=${text}`)),
        ),
        "x-forwarded-for": fc.option(fc.ipV4(), { nil: null }),
      }),
      body: hostileBody(
        fc.oneof(formBody(credentials), jsonBody(credentials.map(Object.fromEntries))),
      ),
    });
  },
};
