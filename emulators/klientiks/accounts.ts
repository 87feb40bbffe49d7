// Accounts and their API switches (klientiks-contract §1): credentials in the observed hex shape,
// a tariff, an `api_enabled` switch, a timezone, optional throttling and the widget slug.

import { randomBytes } from "node:crypto";

import { DEFAULT_TIMEZONE } from "./datetime";
import { findAccountBySlug, type EmulatorState } from "./state";
import type { Account, AccountSettings } from "./types";

export type AccountInit = Partial<AccountSettings> & {
  accountId?: string;
  userId?: string;
  accessToken?: string;
};

const hex = (bytes: number): string => randomBytes(bytes).toString("hex");

/** A reason the account id or widget slug cannot be used, or null. */
export const findAccountConflict = (
  state: EmulatorState,
  { accountId, widgetSlug }: { accountId?: string; widgetSlug?: string },
  self?: Account,
): string | null => {
  if (accountId !== undefined && state.accounts.has(accountId))
    return `Account ${accountId} already exists`;
  const slugOwner = widgetSlug === undefined ? undefined : findAccountBySlug(state, widgetSlug);
  if (slugOwner && slugOwner !== self)
    return `Widget slug ${widgetSlug} is already used by another account`;
  return null;
};

export const createAccount = (state: EmulatorState, init: AccountInit): Account => {
  // Observed shape: 12/12/32 lowercase hex (klientiks-contract §1).
  const accountId = init.accountId ?? hex(6);
  const account: Account = {
    number: state.nextId("account"),
    credentials: {
      accountId,
      userId: init.userId ?? hex(6),
      accessToken: init.accessToken ?? hex(16),
    },
    settings: {
      timezone: init.timezone ?? DEFAULT_TIMEZONE,
      tariff: init.tariff ?? "PRO+",
      apiEnabled: init.apiEnabled ?? true,
      rateLimit: init.rateLimit ?? null,
      widgetAlsoFiresCreated: init.widgetAlsoFiresCreated ?? false,
      widgetSlug: init.widgetSlug ?? accountId.toLowerCase(),
      emptyItems: init.emptyItems ?? "string",
    },
    isDemo: false,
    users: new Map(),
    services: new Map(),
    servicePacks: new Map(),
    clients: new Map(),
    appointments: new Map(),
    waitingList: [],
    revenue: [],
    eventHandlers: new Map(),
    deliveries: [],
  };
  state.accounts.set(accountId, account);
  return account;
};

/** The API credentials belong to the account owner, who is its first user; API-created visits name them as author. */
export const accountOwnerId = (account: Account): number | null =>
  account.users.keys().next().value ?? null;

/** A tariff without API behaves like a switched-off API (klientiks-contract §1). */
export const isApiAvailable = (account: Account): boolean =>
  account.settings.apiEnabled && account.settings.tariff !== "other";

export const describeAccount = (account: Account) => ({
  account_id: account.credentials.accountId,
  user_id: account.credentials.userId,
  access_token: account.credentials.accessToken,
  timezone: account.settings.timezone,
  tariff: account.settings.tariff,
  api_enabled: account.settings.apiEnabled,
  rate_limit: account.settings.rateLimit
    ? { per_second: account.settings.rateLimit.perSecond, burst: account.settings.rateLimit.burst }
    : null,
  widget_also_fires_created: account.settings.widgetAlsoFiresCreated,
  widget_slug: account.settings.widgetSlug,
  empty_items: account.settings.emptyItems,
});

export type AccountView = ReturnType<typeof describeAccount>;
