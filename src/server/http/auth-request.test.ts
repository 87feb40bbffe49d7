import { describe, expect, it } from "vitest";

import {
  MAX_AUTH_FORM_BYTES,
  readAuthForm,
  refuseBadCallbackUrls,
} from "@/server/http/auth-request";

const BASE = "http://localhost:3000/api/auth";

describe("refuseBadCallbackUrls", () => {
  it("lets paths of this site and http(s) URLs through, as next-auth does", () => {
    for (const value of ["/", "/w/salon?x=1", "http://localhost:3000/", "https://other.example/x"])
      expect(
        refuseBadCallbackUrls(
          new Request(`${BASE}/signin?callbackUrl=${encodeURIComponent(value)}`),
          [value],
        ),
        value,
      ).toBeNull();
  });

  it("refuses what next-auth's config check answers 500 for, in the query or the form", () => {
    for (const value of ["javascript:alert(1)", "prototype", "\u0000", "ftp://x", "http://"]) {
      expect(
        refuseBadCallbackUrls(
          new Request(`${BASE}/signin?callbackUrl=${encodeURIComponent(value)}`),
        ),
        value,
      ).toMatchObject({ status: 400, field: "callbackUrl" });
      expect(
        refuseBadCallbackUrls(new Request(`${BASE}/callback/credentials`), [value]),
        value,
      ).toMatchObject({ status: 400, field: "callbackUrl" });
    }
  });

  it("checks every value of a repeated callbackUrl, since next-auth reads the last", () => {
    const query = `callbackUrl=${encodeURIComponent("https://x.example/")}&callbackUrl=-92233720`;
    expect(refuseBadCallbackUrls(new Request(`${BASE}/signin/credentials?${query}`))).toMatchObject(
      { status: 400, field: "callbackUrl" },
    );
    expect(
      refuseBadCallbackUrls(new Request(`${BASE}/callback/credentials`), ["/w/salon", "prototype"]),
    ).toMatchObject({ status: 400, field: "callbackUrl" });
  });

  it("refuses next-auth's callback cookie when it is no URL, and clears it", () => {
    const request = new Request(`${BASE}/session`, {
      headers: {
        cookie: "a=1; __Secure-next-auth.callback-url=%F0%9F%98%80; next-auth.session-token=x",
      },
    });
    const refusal = refuseBadCallbackUrls(request);
    expect(refusal).toMatchObject({ status: 400, field: "cookie __Secure-next-auth.callback-url" });
    expect(refusal?.headers?.["set-cookie"]).toMatch(
      /^__Secure-next-auth\.callback-url=; Path=\/; Max-Age=0;.*Secure$/,
    );
    expect(
      refuseBadCallbackUrls(
        new Request(`${BASE}/session`, {
          headers: { cookie: "next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000" },
        }),
      ),
    ).toBeNull();
  });

  it("reads a repeated callback cookie as next-auth does: the last decodable value", () => {
    const withCookie = (cookie: string) =>
      refuseBadCallbackUrls(new Request(`${BASE}/session`, { headers: { cookie } }));
    expect(
      withCookie("next-auth.callback-url=%2F; next-auth.callback-url=%C3%B3%C2%AA"),
    ).toMatchObject({ status: 400, field: "cookie next-auth.callback-url" });
    expect(withCookie("next-auth.callback-url=%C3%B3; next-auth.callback-url=%2Fw")).toBeNull();
    expect(withCookie("next-auth.callback-url=%2Fw; next-auth.callback-url=%E0%A4%A")).toBeNull();
  });
});

describe("readAuthForm", () => {
  const post = (body: BodyInit, contentType: string | null) =>
    new Request(`${BASE}/callback/credentials`, {
      method: "POST",
      body,
      headers: contentType ? { "content-type": contentType } : {},
    });

  it("reads the form next-auth's client posts", async () => {
    const form = await readAuthForm(
      post(
        "email=a%40b.ru&password=x&csrfToken=t",
        "application/x-www-form-urlencoded;charset=UTF-8",
      ),
    );
    expect(form.ok && form.fields.get("email")).toBe("a@b.ru");
  });

  it("refuses JSON, other types and no type with 415, naming the content type", async () => {
    for (const contentType of ["application/json", "multipart/form-data", "text/plain", null])
      expect(await readAuthForm(post('{"email":', contentType)), String(contentType)).toMatchObject(
        { ok: false, refusal: { status: 415, field: "content-type" } },
      );
  });

  it("refuses a form past the cap with 413", async () => {
    expect(
      await readAuthForm(
        post(`email=${"a".repeat(MAX_AUTH_FORM_BYTES)}`, "application/x-www-form-urlencoded"),
      ),
    ).toMatchObject({ ok: false, refusal: { status: 413, field: "body" } });
  });
});
