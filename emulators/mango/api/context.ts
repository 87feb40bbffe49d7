// What a VPBX command handler gets and gives back.

import type { Emulator } from "../emulator";
import type { Account } from "../types";

export type ApiContext = {
  emulator: Emulator;
  account: Account;
  /** The parsed `json` field. */
  json: Record<string, unknown>;
  /** `http://host:port` of the emulator as the client reached it, for the links it hands out. */
  origin: string;
};

export type ApiAnswer =
  | { kind: "json"; status?: number; body: Record<string, unknown> }
  | { kind: "text"; status: number; contentType: string; body: string }
  | { kind: "redirect"; location: string };

export type ApiHandler = (context: ApiContext) => ApiAnswer;

export const resultAnswer = (result: number, extra: Record<string, unknown> = {}): ApiAnswer => ({
  kind: "json",
  body: { result, ...extra },
});
