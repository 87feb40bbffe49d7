// «Лист ожидания» entries from `s/waitingListItemAdd` (klientiks-contract §8.1 #18). They are not
// visits: no list or ACL export returns them.

import type { Emulator } from "./emulator";
import type { Account, WaitingListItem } from "./types";

export const addWaitingListItem = (
  emulator: Emulator,
  account: Account,
  fields: { clientId: number; date: string; source: string; memo: string },
): WaitingListItem => {
  const item: WaitingListItem = {
    id: emulator.state.nextId("waitingListItem"),
    ...fields,
    created: emulator.clock.now(),
  };
  account.waitingList.push(item);
  return item;
};
