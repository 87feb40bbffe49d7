import { describe, expect, it } from "vitest";

import { parseEnv } from "@/server/config/env-schema";

const PRODUCTION_BASE = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://svyaz@db.internal:5432/svyaz",
  AUTH_SECRET: "a-long-enough-production-secret",
  ENCRYPTION_KEYRING: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
};

describe("development helpers in the environment", () => {
  it("refuses KLIENTIKS_EMULATOR_URL in production with a message naming it", () => {
    expect(() =>
      parseEnv(
        { ...PRODUCTION_BASE, KLIENTIKS_EMULATOR_URL: "http://127.0.0.1:4010" },
        { isProduction: true },
      ),
    ).toThrow(/KLIENTIKS_EMULATOR_URL: enables development helpers and is refused in production/);
  });

  it("refuses ZADARMA_EMULATOR_URL in production too, and defaults Zadarma to its real API", () => {
    expect(() =>
      parseEnv(
        { ...PRODUCTION_BASE, ZADARMA_EMULATOR_URL: "http://127.0.0.1:4030" },
        { isProduction: true },
      ),
    ).toThrow(/ZADARMA_EMULATOR_URL: enables development helpers/);
    expect(parseEnv(PRODUCTION_BASE, { isProduction: true }).ZADARMA_BASE_URL).toBe(
      "https://api.zadarma.com",
    );
  });

  it("refuses the demo site link in production too", () => {
    expect(() =>
      parseEnv(
        { ...PRODUCTION_BASE, DEMO_SITE_URL: "http://127.0.0.1:4020" },
        { isProduction: true },
      ),
    ).toThrow(/DEMO_SITE_URL/);
  });

  it("refuses INNGEST_DEV in production, where /api/inngest would run unsigned calls", () => {
    expect(() =>
      parseEnv({ ...PRODUCTION_BASE, INNGEST_DEV: "1" }, { isProduction: true }),
    ).toThrow(/INNGEST_DEV: enables development helpers and is refused in production/);
    expect(
      parseEnv({ ...PRODUCTION_BASE, INNGEST_DEV: "0" }, { isProduction: true }),
    ).toMatchObject({ INNGEST_DEV: false });
  });

  it("accepts production without them, and development with them", () => {
    expect(
      parseEnv(PRODUCTION_BASE, { isProduction: true }).KLIENTIKS_EMULATOR_URL,
    ).toBeUndefined();
    const development = {
      ...PRODUCTION_BASE,
      NODE_ENV: "development",
      KLIENTIKS_EMULATOR_URL: "http://127.0.0.1:4010",
    };
    expect(parseEnv(development, { isProduction: false }).KLIENTIKS_EMULATOR_URL).toBe(
      "http://127.0.0.1:4010",
    );
  });

  it("lets the e2e suite run them against a production build when told so explicitly", () => {
    const e2e = {
      ...PRODUCTION_BASE,
      KLIENTIKS_EMULATOR_URL: "http://127.0.0.1:4010",
      ALLOW_DEV_HELPERS: "1",
    };
    expect(parseEnv(e2e, { isProduction: true }).KLIENTIKS_EMULATOR_URL).toBe(
      "http://127.0.0.1:4010",
    );
  });
});

describe("secrets in production", () => {
  it("refuses production without its secrets, and Inngest as the driver without its keys, naming each", () => {
    const { AUTH_SECRET: _auth, ENCRYPTION_KEYRING: _keyring, ...withoutSecrets } = PRODUCTION_BASE;
    expect(() => parseEnv(withoutSecrets, { isProduction: true })).toThrow(
      /AUTH_SECRET: .*\n.*ENCRYPTION_KEYRING: /,
    );
    const withInngest = { ...PRODUCTION_BASE, JOBS_DRIVER: "inngest" };
    expect(() => parseEnv(withInngest, { isProduction: true })).toThrow(
      /INNGEST_SIGNING_KEY: is required in production[\s\S]*INNGEST_EVENT_KEY: is required/,
    );
    expect(
      parseEnv(
        { ...withInngest, INNGEST_SIGNING_KEY: "signkey-prod-1", INNGEST_EVENT_KEY: "event-key" },
        { isProduction: true },
      ).jobsDriver,
    ).toBe("inngest");
  });
});
