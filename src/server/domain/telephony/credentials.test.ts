import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import {
  credentialsHintOf,
  decryptZadarmaCredentials,
  encryptZadarmaCredentials,
  PREVIOUS_SECRET_WINDOW_MS,
  rotateZadarmaSecret,
  verificationSecrets,
} from "@/server/domain/telephony/credentials";

const NOW = new Date("2026-05-06T10:00:00Z");
const CURRENT = { key: "a1b2c3d4e5f6a7b8c9d0", secret: "0123456789abcdef0123" };

describe("verificationSecrets (R3)", () => {
  it("is the current secret alone without a rotation", () => {
    expect(verificationSecrets(CURRENT, NOW)).toEqual(["0123456789abcdef0123"]);
  });

  it("adds the previous secret, after the current one, for 72 h after a rotation", () => {
    const rotated = rotateZadarmaSecret(CURRENT, "fedcba9876543210fedc", NOW);
    expect(rotated).toEqual({
      key: CURRENT.key,
      secret: "fedcba9876543210fedc",
      previousSecret: CURRENT.secret,
      previousSecretUntil: "2026-05-09T10:00:00.000Z",
    });
    expect(verificationSecrets(rotated, NOW)).toEqual(["fedcba9876543210fedc", CURRENT.secret]);
    expect(
      verificationSecrets(rotated, new Date(NOW.getTime() + PREVIOUS_SECRET_WINDOW_MS - 1)),
    ).toEqual(["fedcba9876543210fedc", CURRENT.secret]);
  });

  it("drops the previous secret once its window is over", () => {
    const rotated = rotateZadarmaSecret(CURRENT, "fedcba9876543210fedc", NOW);
    expect(
      verificationSecrets(rotated, new Date(NOW.getTime() + PREVIOUS_SECRET_WINDOW_MS)),
    ).toEqual(["fedcba9876543210fedc"]);
  });

  it("ignores a half-stored previous secret", () => {
    expect(verificationSecrets({ ...CURRENT, previousSecret: "old-secret-1234" }, NOW)).toEqual([
      CURRENT.secret,
    ]);
  });

  it("keeps the stored credentials when the same secret is pasted again", () => {
    const rotated = rotateZadarmaSecret(CURRENT, "fedcba9876543210fedc", NOW);
    expect(
      rotateZadarmaSecret(rotated, "fedcba9876543210fedc", new Date(NOW.getTime() + 1000)),
    ).toBe(rotated);
  });
});

describe("stored Zadarma credentials", () => {
  const keyring = [{ id: "k1", key: randomBytes(32) }];
  const ids = { tenantId: "tnt_a", connectionId: "con_a" };

  it("round-trip encrypted, bound to their row (R17)", () => {
    const stored = rotateZadarmaSecret(CURRENT, "fedcba9876543210fedc", NOW);
    const credentials = encryptZadarmaCredentials(keyring, ids, stored);
    expect(credentials).not.toContain(CURRENT.secret);
    expect(
      decryptZadarmaCredentials(keyring, { tenantId: "tnt_a", id: "con_a", credentials }),
    ).toEqual(stored);
    expect(() =>
      decryptZadarmaCredentials(keyring, { tenantId: "tnt_b", id: "con_a", credentials }),
    ).toThrow();
  });

  it("are shown by the secret's last four characters only", () => {
    expect(credentialsHintOf(CURRENT)).toBe("0123");
  });
});
