// What a REST method handler receives.

import type { Emulator } from "../emulator";
import type { Account } from "../types";
import type { RestResult } from "./envelope";

export type RestContext = {
  emulator: Emulator;
  account: Account;
  /** Query parameters (GET, DELETE) or form fields (POST, PUT), as received. */
  params: URLSearchParams;
  /** Captures of the route pattern, e.g. the extension of `pbx/internal/{n}/status`. */
  captures: string[];
  /** `http://host:port` the client used, for links back to the emulator. */
  origin: string;
  /** The `no_money` REST fault fired for this request. */
  noMoney: boolean;
};

export type RestHandler = (context: RestContext) => RestResult | Promise<RestResult>;
