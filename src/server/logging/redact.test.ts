import { describe, expect, it } from "vitest";

import { redactText, redactValue } from "@/server/logging/redact";

describe("log redaction", () => {
  it("hides values under password, token and secret keys at any depth, keeping the rest", () => {
    const redacted = redactValue({
      email: "anna@example.ru",
      password: "correct horse",
      input: { accessToken: "3f9d2c7a", clientSecret: "s3cr3t", accountId: "5a7c1e9b3d20" },
    });
    expect(redacted).toEqual({
      email: "anna@example.ru",
      password: "[Redacted]",
      input: { accessToken: "[Redacted]", clientSecret: "[Redacted]", accountId: "5a7c1e9b3d20" },
    });
  });

  it("hides tokens in webhook and invite paths, including the sign-in link back to an invite", () => {
    expect(redactText("GET /api/webhooks/klientiks/AbC123_-x?appointment_id=1")).toBe(
      "GET /api/webhooks/klientiks/***?appointment_id=1",
    );
    expect(redactText("/invite/Zx9_token")).toBe("/invite/***");
    expect(redactText("/sign-in?next=%2Finvite%2FZx9_token&lang=ru")).toBe(
      "/sign-in?next=%2Finvite%2F***&lang=ru",
    );
  });

  it("keeps dates as dates", () => {
    const at = new Date("2026-12-03T06:00:00Z");
    expect(redactValue({ at })).toEqual({ at });
  });
});
