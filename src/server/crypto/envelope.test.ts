import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { decryptSecret, encryptSecret, envelopeKeyId } from "@/server/crypto/envelope";

const k1 = { id: "k1", key: randomBytes(32) };
const k2 = { id: "k2", key: randomBytes(32) };
const AAD = "tnt_a|con_a|credentials";

describe("secret envelope (AES-256-GCM)", () => {
  it("round-trips and never repeats a ciphertext", () => {
    const first = encryptSecret([k1], "3f9d2c7a1b8e4f60a5c9d0e7b2f41a86", AAD);
    const second = encryptSecret([k1], "3f9d2c7a1b8e4f60a5c9d0e7b2f41a86", AAD);
    expect(first).not.toBe(second);
    expect(first).not.toContain("3f9d2c7a");
    expect(decryptSecret([k1], first, AAD)).toBe("3f9d2c7a1b8e4f60a5c9d0e7b2f41a86");
  });

  it("rejects a changed byte and another row's additional data", () => {
    const envelope = encryptSecret([k1], "secret", AAD);
    const parts = envelope.split(".");
    const ciphertext = Buffer.from(parts[3]!, "base64url");
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[3] = ciphertext.toString("base64url");
    expect(() => decryptSecret([k1], parts.join("."), AAD)).toThrow();
    expect(() => decryptSecret([k1], envelope, "tnt_b|con_a|credentials")).toThrow();
  });

  it("decrypts with a retired key after rotation and writes with the new one", () => {
    const old = encryptSecret([k1], "secret", AAD);
    const rotated = [k2, k1];
    expect(decryptSecret(rotated, old, AAD)).toBe("secret");
    expect(envelopeKeyId(encryptSecret(rotated, "secret", AAD))).toBe("k2");
    expect(() => decryptSecret([k2], old, AAD)).toThrow(/No key "k1"/);
  });
});
