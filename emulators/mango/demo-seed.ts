// The demo account for local development and e2e, on fixed, documented credentials: two company
// numbers and three users named after the Klientiks demo salon's staff, all online.

import { createAccount } from "./accounts";
import type { Emulator } from "./emulator";
import type { Account } from "./types";

export const DEMO_ACCOUNT = {
  id: "demo",
  key: "4d0e6a2c8b1f3e5a7c9d0b2e4f6a8c1e",
  salt: "b7e1c3a5d9f2e4b6a8c0d2f4e6a8b0c3",
  numbers: ["74996470001", "74996470002"],
  users: [
    { extension: "100", name: "Смирнова Ольга", position: "Администратор" },
    { extension: "101", name: "Кузнецова Марина", position: "Мастер" },
    { extension: "102", name: "Иванов Дмитрий", position: "Мастер" },
  ],
} as const;

const demoInit = () => ({
  numbers: [...DEMO_ACCOUNT.numbers],
  users: DEMO_ACCOUNT.users.map((user) => ({ ...user, department: "Салон", online: true })),
});

export const seedDemoAccount = (emulator: Emulator): Account =>
  createAccount(
    emulator.state.accounts,
    emulator.state.nextId("product"),
    () => emulator.state.nextId("user"),
    { id: DEMO_ACCOUNT.id, key: DEMO_ACCOUNT.key, salt: DEMO_ACCOUNT.salt, ...demoInit() },
  );

/** `POST /__control/accounts {"demo": true}`: the same layout on fresh credentials. */
export const demoLayout = demoInit;
