import type { KlientiksControl } from "../../emulators/klientiks/control-client";

/** An emulator account's `empty_items` setting: how it answers a list or look-up with nothing. */
export type TKlientiksEmptyItems = NonNullable<
  NonNullable<Parameters<KlientiksControl["createAccount"]>[0]>["empty_items"]
>;

/**
 * Both shapes of an empty answer, `"items": "No data"` and `"items": []` (klientiks-contract §4.1):
 * public code expects either, so our client's tests run against each.
 */
export const KLIENTIKS_EMPTY_ITEMS = [
  "string",
  "empty_array",
] as const satisfies readonly TKlientiksEmptyItems[];
