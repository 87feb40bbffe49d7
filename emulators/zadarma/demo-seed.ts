// The demo account for local development and e2e, on fixed, documented credentials: the salon's
// two main company numbers, five more for call tracking (a pool of four and a fallback), and three
// extensions named after the Klientiks demo salon's staff, all online.

import { createAccount } from "./accounts";
import type { Emulator } from "./emulator";
import type { Account } from "./types";

export const DEMO_ACCOUNT = {
  id: "demo",
  key: "5f8a2c9e1b7d4a6c3e0f",
  secret: "9c1e7a3f5b2d8e4a6c0b",
  numbers: [
    "74951234567",
    "78122345678",
    "74957770001",
    "74957770002",
    "74957770003",
    "74957770004",
    "74957770099",
  ],
  extensions: [
    { number: "100", name: "Смирнова Ольга", online: true },
    { number: "101", name: "Кузнецова Марина", online: true },
    { number: "102", name: "Иванов Дмитрий", online: true },
  ],
  balance: 1500,
  currency: "RUB",
  timezone: "Europe/Moscow",
} as const;

const demoInit = () => ({
  balance: DEMO_ACCOUNT.balance,
  currency: DEMO_ACCOUNT.currency,
  timezone: DEMO_ACCOUNT.timezone,
  numbers: [...DEMO_ACCOUNT.numbers],
  extensions: DEMO_ACCOUNT.extensions.map((extension) => ({ ...extension })),
});

export const seedDemoAccount = (emulator: Emulator): Account =>
  createAccount(emulator.state.accounts, emulator.state.nextId("pbx"), {
    id: DEMO_ACCOUNT.id,
    key: DEMO_ACCOUNT.key,
    secret: DEMO_ACCOUNT.secret,
    ...demoInit(),
  });

/** `POST /__control/accounts {"demo": true}`: the same PBX layout on fresh credentials. */
export const demoLayout = demoInit;
