// Credential check of klientiks-contract §4.5. Wrong credentials and a switched-off API both answer
// 401; the second carries a longer text (our extension) so a client can tell «API off / tariff without
// API» from a typo, while still matching the access wording the client classifies as auth failure.

import { isApiAvailable } from "../accounts";
import type { EmulatorState } from "../state";
import type { Account } from "../types";
import type { RestPath } from "./url";

export const ACCESS_DENIED = "Access denied";
export const API_NOT_ENABLED = "Access denied: API is not enabled for this account";

export type AuthResult = { ok: true; account: Account } | { ok: false; error: string };

export const authenticate = (state: EmulatorState, path: RestPath): AuthResult => {
  const account = path.accountId === null ? undefined : state.accounts.get(path.accountId);
  const { credentials } = account ?? {};
  if (!account || credentials?.userId !== path.userId || credentials.accessToken !== path.token) {
    return { ok: false, error: ACCESS_DENIED };
  }
  return isApiAvailable(account) ? { ok: true, account } : { ok: false, error: API_NOT_ENABLED };
};
