// The REST request log behind `GET /__control/requests`. The Authorization signature is stored redacted
// (`key:***`). Old entries roll off to bound memory.

export type RequestLogEntry = {
  id: number;
  at: string;
  http_method: string;
  /** Path and query as received. */
  path: string;
  /** `request/callback`, `statistics/pbx` …, or null for an unknown path. */
  method: string | null;
  account_id: string | null;
  authorization: string | null;
  /** null when no status line was sent (the `hang` fault, or a client that gave up first). */
  status: number | null;
  latency_ms: number;
  faults: string[];
};

const MAX_ENTRIES = 5000;

export type RequestLog = {
  record(entry: Omit<RequestLogEntry, "id">): void;
  list(filter: { accountId: string | null }): RequestLogEntry[];
};

export const createRequestLog = (): RequestLog => {
  const entries: RequestLogEntry[] = [];
  let nextId = 1;
  return {
    record: (entry) => {
      entries.push({ id: nextId++, ...entry });
      if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
    },
    list: ({ accountId }) =>
      accountId === null ? [...entries] : entries.filter((entry) => entry.account_id === accountId),
  };
};
