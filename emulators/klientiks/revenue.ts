// Payments behind `m/getRevenueTransactions` (our decision, klientiks-contract §17.1): a paid visit
// records what was charged, and a service pack records its price when it is sold (§11.3).

import type { Emulator } from "./emulator";
import type { Account, Appointment, RevenueTransactionType } from "./types";

/** Lines paid by a service pack cost the client nothing at the visit (klientiks-contract §11.3). */
export const chargedAmount = (appointment: Appointment): number =>
  appointment.services
    .filter((line) => line.servicePackId === null)
    .reduce((total, line) => total + Math.max(0, line.price - (line.discount ?? 0)), 0);

export const recordRevenue = (
  emulator: Emulator,
  account: Account,
  entry: {
    appointmentId: number | null;
    clientId: number | null;
    amount: number;
    type: RevenueTransactionType;
  },
  at: number,
): void => {
  account.revenue.push({ id: emulator.state.nextId("revenueTransaction"), ...entry, created: at });
};
