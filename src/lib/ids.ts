import { randomBytes } from "node:crypto";

/** Prefixes make ids self-describing in URLs and logs (conventions C7). */
export type TIdPrefix =
  | "tnt"
  | "usr"
  | "mbr"
  | "inv"
  | "aud"
  | "con"
  | "whe"
  | "whd"
  | "deal"
  | "dsc"
  | "dsr"
  | "ctc"
  | "job"
  | "site"
  | "src"
  | "cmp"
  | "ses"
  | "pv"
  | "wo"
  | "cc"
  | "lead"
  | "dae"
  | "cli"
  | "call"
  | "cev"
  | "ext"
  | "cbr"
  | "lsm"
  | "cst"
  | "tnum"
  | "nls";

export const createId = (prefix: TIdPrefix): string =>
  `${prefix}_${randomBytes(10).toString("hex")}`;
