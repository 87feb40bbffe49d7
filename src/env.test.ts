import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** getEnv() as a fresh process runs it: it validates once and caches. */
const freshGetEnv = async () => (await import("@/env")).getEnv;

describe("getEnv in production", () => {
  it("never makes up the secrets a production deployment must set (R24)", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", "postgresql://svyaz@db.internal:5432/svyaz");
    vi.stubEnv("AUTH_SECRET", undefined);
    vi.stubEnv("NEXTAUTH_SECRET", undefined);
    vi.stubEnv("ENCRYPTION_KEYRING", undefined);
    const getEnv = await freshGetEnv();
    expect(getEnv).toThrow(/AUTH_SECRET: [\s\S]*ENCRYPTION_KEYRING: /);
  });
});
