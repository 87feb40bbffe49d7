// After every other spec (its project depends on theirs): the app's own log of the whole run,
// both streams at level warn, holds no credential the app was given or used, and no token-bearing
// path the logger should have hidden (reliability R25).
import { readFile } from "node:fs/promises";

import { expect, test } from "@playwright/test";

import { PASSWORD } from "./fixtures/api";
import { E2E_APP_LOG, E2E_APP_SECRETS } from "./fixtures/app-server";
import { klientiks } from "./fixtures/klientiks";
import { findLeaks } from "./fixtures/log-leaks";
import { zadarma } from "./fixtures/zadarma";

test("the app's log of the whole run holds no credential, secret or token (R25)", async () => {
  const log = await readFile(E2E_APP_LOG, "utf8");
  // The capture works: Next's own start line is there.
  expect(log).toContain("Ready in");

  const [klientiksAccounts, zadarmaAccounts] = await Promise.all([
    klientiks.listAccounts(),
    zadarma.listAccounts(),
  ]);
  expect(klientiksAccounts.length + zadarmaAccounts.length).toBeGreaterThan(0);
  const secrets: Record<string, string> = {
    AUTH_SECRET: E2E_APP_SECRETS.AUTH_SECRET,
    "the encryption key": E2E_APP_SECRETS.ENCRYPTION_KEYRING.split(":")[1] ?? "",
    "the e2e users' password": PASSWORD,
    ...Object.fromEntries(
      klientiksAccounts.map((account) => [
        `the access token of Klientiks account ${account.account_id}`,
        account.access_token,
      ]),
    ),
    ...Object.fromEntries(
      zadarmaAccounts.map((account) => [
        `the API secret of Zadarma account ${account.id}`,
        account.secret,
      ]),
    ),
  };

  expect(findLeaks(log, secrets)).toEqual([]);
});
