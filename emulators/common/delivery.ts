// Pieces of the telephony emulators' outgoing webhooks: how a failed POST is described in the
// delivery log, and the seeded shuffle that sends a held call's events out of order.

import type { Random } from "../zadarma/random";

/** How long one webhook POST may take. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export const describeDeliveryError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `timeout after ${DELIVERY_TIMEOUT_MS} ms`;
  if (error.name === "AbortError") return "cancelled";
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
};

/** Fisher–Yates on a copy, drawing from the emulator's seeded generator. */
export const shuffled = <Item>(items: readonly Item[], random: Random): Item[] => {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random.next() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as Item, copy[index] as Item];
  }
  return copy;
};
