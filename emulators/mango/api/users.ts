// `config/users/request`: the employees with their extensions, optionally one extension's.
// The shape follows the official document's `users[].general` / `users[].telephony` split; the fields
// inside are a **Choice** (README "Users").

import { sipAddress } from "../event-payloads";
import type { Account, User } from "../types";
import type { ApiHandler } from "./context";
import { optionalString } from "./params";

const RING_SECONDS = 20;

const describe = (account: Account, user: User) => ({
  general: {
    name: user.name,
    email: "",
    department: user.department,
    position: user.position,
    user_id: user.userId,
  },
  telephony: {
    extension: user.extension,
    outgoingline: account.numbers[0] ?? "",
    numbers: [
      {
        number: sipAddress(account, user.extension),
        protocol: "sip",
        order: 0,
        wait_sec: RING_SECONDS,
        status: user.online ? "on" : "off",
      },
    ],
  },
  groups: [],
});

export const users: ApiHandler = ({ account, json }) => {
  const extension = optionalString(json, "extension");
  const selected = Array.from(account.users.values()).filter(
    (user) => extension === null || user.extension === extension,
  );
  return { kind: "json", body: { users: selected.map((user) => describe(account, user)) } };
};
