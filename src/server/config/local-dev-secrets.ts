import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const SECRETS_FILE = path.join(process.cwd(), ".data", "dev-secrets.json");

/**
 * Outside production, missing secrets are generated once into `.data/dev-secrets.json`, so a
 * newcomer needs no configuration and sessions and encrypted tokens survive restarts.
 */
export function loadLocalDevSecrets(): { AUTH_SECRET: string; ENCRYPTION_KEYRING: string } {
  if (existsSync(SECRETS_FILE))
    return JSON.parse(readFileSync(SECRETS_FILE, "utf8")) as {
      AUTH_SECRET: string;
      ENCRYPTION_KEYRING: string;
    };
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYRING: `dev1:${randomBytes(32).toString("base64")}`,
  };
  mkdirSync(path.dirname(SECRETS_FILE), { recursive: true });
  writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
