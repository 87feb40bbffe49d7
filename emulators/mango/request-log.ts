// The API request log behind `GET /__control/requests`: command, key owner, result code and HTTP
// status of every `/vpbx/` request. The `sign` is never stored. Old entries roll off (the Zadarma
// emulator's log, with Mango's fields).

import { createRequestLog as createLog, type RequestLog as Log } from "../zadarma/request-log";

export type RequestLogEntry = {
  id: number;
  at: string;
  http_method: string;
  path: string;
  /** `commands/callback`, `stats/request` … */
  command: string;
  account_id: string | null;
  /** The `json` field as received. */
  json: string | null;
  status: number | null;
  /** The `result` code answered, when the answer carried one. */
  result: number | null;
  latency_ms: number;
  faults: string[];
};

export type RequestLog = Log<RequestLogEntry>;

export const createRequestLog = (): RequestLog => createLog<RequestLogEntry>();
