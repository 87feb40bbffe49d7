// `Authorization: <key>:<signature>` (README "REST"): the key picks the account, the signature must be
// the one the official client computes over the method path and the *sorted* parameters, whatever
// order they arrived in.

import { findAccountByKey } from "../accounts";
import { restSignature, sameSignature } from "../signature";
import type { Account } from "../types";

export type AuthResult = { ok: true; account: Account } | { ok: false; reason: string };

export const splitAuthorization = (
  header: string | undefined,
): { key: string; signature: string } | null => {
  const value = header?.trim() ?? "";
  const colon = value.indexOf(":");
  if (colon <= 0) return null;
  return { key: value.slice(0, colon), signature: value.slice(colon + 1) };
};

export const authenticate = (
  accounts: Map<string, Account>,
  header: string | undefined,
  methodPath: string,
  params: Array<[string, string]>,
): AuthResult => {
  const credentials = splitAuthorization(header);
  if (!credentials) return { ok: false, reason: "missing Authorization: key:signature" };
  const account = findAccountByKey(accounts, credentials.key);
  if (!account) return { ok: false, reason: "unknown key" };
  const expected = restSignature(account.secret, methodPath, params);
  if (!sameSignature(expected, credentials.signature))
    return { ok: false, reason: "signature mismatch" };
  return { ok: true, account };
};
