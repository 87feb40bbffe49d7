import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, base64url; only the SHA-256 is stored, so a database dump cannot be replayed. */
export const createSecretToken = (): string => randomBytes(32).toString("base64url");

export const hashSecretToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");
