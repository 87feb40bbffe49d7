import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { getSessionUser } from "@/server/auth/session";

const SECRET = "session-test-secret-0123456789abcdef";
let cookieJar: Record<string, string> = {};

vi.mock("@/env", () => ({ getEnv: () => ({ AUTH_SECRET: SECRET }) }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    getAll: () => Object.entries(cookieJar).map(([name, value]) => ({ name, value })),
  }),
}));

/** A session token as next-auth issues it at sign-in (the `jwt` callback's fields). */
const sessionToken = (secret = SECRET) =>
  encode({ token: { sub: "usr_1", name: "Анна", email: "anna@example.ru" }, secret });

describe("getSessionUser", () => {
  beforeEach(() => {
    cookieJar = {};
  });

  it("reads the user from the session token", async () => {
    cookieJar = { "next-auth.session-token": await sessionToken() };
    expect(await getSessionUser()).toEqual({ id: "usr_1", name: "Анна", email: "anna@example.ru" });
  });

  it("is not thrown off by a next-auth.callback-url cookie that is not a URL", async () => {
    cookieJar = {
      "next-auth.session-token": await sessionToken(),
      "next-auth.callback-url": "\u00f0\u009f\u0098\u0080 not a url",
    };
    expect(await getSessionUser()).toMatchObject({ id: "usr_1" });
  });

  it("is null without a session, and for a token signed with another secret or forged", async () => {
    expect(await getSessionUser()).toBeNull();
    cookieJar = {
      "next-auth.session-token": await sessionToken("another-secret-0123456789abcdef"),
    };
    expect(await getSessionUser()).toBeNull();
    cookieJar = { "next-auth.session-token": "garbage" };
    expect(await getSessionUser()).toBeNull();
  });
});
