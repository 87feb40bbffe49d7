// The REST request log behind `GET /__control/requests` (klientiks-contract §17.3). Paths are stored
// redacted, so a test that dumps the log cannot leak a token. Old entries roll off to bound memory.

export type RequestLogEntry = {
  id: number;
  at: string;
  method: string;
  /** Path and query with `/t/{token}` redacted. */
  path: string;
  account_id: string | null;
  action: string | null;
  model: string | null;
  /** null when no status line was sent (`hang`, or a client that gave up first). */
  status: number | null;
  /** false when the socket closed before the body was complete (`drop_connection`, timeouts). */
  completed: boolean;
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
