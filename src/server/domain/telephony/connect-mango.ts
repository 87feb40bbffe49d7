import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { saveTelephonyConnection } from "@/server/domain/telephony/connections";
import {
  credentialsHintOf,
  decryptZadarmaCredentials,
  encryptZadarmaCredentials,
  rotateZadarmaSecret,
  type TStoredZadarmaCredentials,
} from "@/server/domain/telephony/credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { storePbxExtensions } from "@/server/domain/telephony/extensions";
import { AppError, type TAppErrorCode } from "@/server/errors";
import {
  MangoError,
  type TMangoAccount,
  type TMangoCredentials,
  type TMangoUser,
} from "@/server/integrations/mango";

/**
 * Mango's keys are kept in the same encrypted shape as Zadarma's (credentials.ts): `key` is the
 * `vpbx_api_key`, `secret` the salt, with the previous salt verifying events for 72 h after a
 * change (reliability R3). One mechanism for both providers' rotation and verification.
 */
export const toStoredMangoCredentials = ({
  apiKey,
  salt,
}: TMangoCredentials): TStoredZadarmaCredentials => ({ key: apiKey, secret: salt });

export const toMangoCredentials = (stored: TStoredZadarmaCredentials): TMangoCredentials => ({
  apiKey: stored.key,
  salt: stored.secret,
});

/** A failed Mango call as the settings page words it (messages: `errors.MANGO_*`); anything else is rethrown. */
export function mangoFailureCode(error: unknown): TAppErrorCode {
  if (!(error instanceof MangoError)) throw error;
  switch (error.code) {
    case "invalid_request":
      return "MANGO_WRONG_KEYS";
    case "locked_out":
    case "circuit_open":
      return "MANGO_LOCKED_OUT";
    case "timeout":
      return "MANGO_TIMEOUT";
    case "unreachable":
    case "server_error":
    case "rate_limited":
      return "MANGO_UNREACHABLE";
    default:
      return "MANGO_UNEXPECTED";
  }
}

/** One signed `config/users/request`: proves the key and salt; its users feed the extension mapping. */
export async function requireWorkingMangoCredentials(
  deps: Pick<TTelephonyDeps, "mango">,
  account: TMangoAccount,
): Promise<TMangoUser[]> {
  try {
    return await deps.mango.listUsers(account);
  } catch (error) {
    const code = mangoFailureCode(error);
    throw new AppError(code, { message: `Mango check failed: ${code}`, cause: error });
  }
}

/**
 * Settings → Telephony with Mango Office chosen (docs/telephony-mango.md §6): the key and salt
 * are checked live, stored encrypted, the connection switched on with its events address, and
 * another provider's connection of the workspace switched off — one telephony line at a time.
 * The same key with a new salt keeps the old salt verifying for its window (R3).
 */
export async function connectMango(
  db: TDb,
  deps: TTelephonyDeps,
  options: { tenantId: string; actorUserId: string; credentials: TMangoCredentials; now?: Date },
) {
  const { tenantId, actorUserId, credentials } = options;
  const now = options.now ?? new Date();
  const existing = await db.connection.findFirst({
    where: { tenantId, kind: "mango" },
    select: { id: true, tenantId: true, credentials: true, status: true },
  });
  const connectionId = existing?.id ?? createId("con");
  const users = await requireWorkingMangoCredentials(deps, {
    tenantId,
    connectionId,
    credentials,
  });
  const previous = existing && decryptZadarmaCredentials(deps.keyring, existing);
  const stored =
    previous?.key === credentials.apiKey
      ? rotateZadarmaSecret(previous, credentials.salt, now)
      : toStoredMangoCredentials(credentials);
  const data = {
    credentials: encryptZadarmaCredentials(deps.keyring, { tenantId, connectionId }, stored),
    credentialsHint: credentialsHintOf(stored),
    externalAccount: credentials.apiKey,
    status: "active" as const,
    activatedAt: existing?.status === "active" ? undefined : now,
    circuitOpenUntil: null,
    lastError: null,
    lastErrorAt: null,
  };
  await saveTelephonyConnection(db, deps.keyring, {
    tenantId,
    actorUserId,
    kind: "mango",
    connectionId,
    isNew: !existing,
    data,
  });
  return { connectionId, users };
}

/** The workspace's switched-on Mango connection as the client needs it, or null. */
export async function findActiveMangoAccount(
  db: TDb,
  keyring: TTelephonyDeps["keyring"],
  { tenantId }: { tenantId: string },
): Promise<TMangoAccount | null> {
  const connection = await db.connection.findFirst({
    where: { tenantId, kind: "mango", status: { not: "inactive" } },
    select: { id: true, tenantId: true, credentials: true },
  });
  return connection && mangoAccountOf(keyring, connection);
}

/** A stored Mango connection as the client needs it: its line (for the circuit) and its keys. */
export const mangoAccountOf = (
  keyring: TTelephonyDeps["keyring"],
  connection: { id: string; tenantId: string; credentials: string },
): TMangoAccount => ({
  tenantId: connection.tenantId,
  connectionId: connection.id,
  credentials: toMangoCredentials(decryptZadarmaCredentials(keyring, connection)),
});

/** Mango's users as the mapping table's extensions (docs/telephony-mango.md §6); Mango says nothing of online. */
export async function storeMangoUsers(
  db: TDb,
  scope: { tenantId: string; connectionId: string },
  users: readonly TMangoUser[],
  now = new Date(),
) {
  return storePbxExtensions(
    db,
    scope,
    users.map((user) => ({ extension: user.extension, name: user.name, isOnline: null })),
    now,
  );
}

/** «Обновить из АТС» for a Mango connection: `config/users/request`, failures in the page's words. */
export async function refreshMangoExtensions(
  db: TDb,
  deps: TTelephonyDeps,
  account: TMangoAccount,
) {
  const users = await requireWorkingMangoCredentials(deps, account);
  return storeMangoUsers(db, account, users);
}
