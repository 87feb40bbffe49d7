// What a REST handler gets once the request has passed faults, credentials and throttling.

import type { Emulator } from "../emulator";
import type { AppointmentView } from "../serialize";
import type { Account, JsonValue } from "../types";
import type { RestPath } from "./url";

export type RestContext = {
  emulator: Emulator;
  account: Account;
  path: RestPath;
  query: URLSearchParams;
  /** Form-encoded body of a write; empty for reads and for non-form bodies (klientiks-contract §3). */
  form: URLSearchParams;
  view: AppointmentView;
};

export type RestHandler = (context: RestContext) => JsonValue;
