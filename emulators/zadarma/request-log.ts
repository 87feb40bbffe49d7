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

type Loggable = { id: number; account_id: string | null };

/** Generic over the entry, so the Mango emulator keeps its own log in the same way. */
export type RequestLog<Entry extends Loggable = RequestLogEntry> = {
  record(entry: Omit<Entry, "id">): void;
  list(filter: { accountId: string | null }): Entry[];
};

export const createRequestLog = <Entry extends Loggable = RequestLogEntry>(): RequestLog<Entry> => {
  const entries: Entry[] = [];
  let nextId = 1;
  return {
    record: (entry) => {
      entries.push({ id: nextId++, ...entry } as Entry);
      if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
    },
    list: ({ accountId }) =>
      accountId === null ? [...entries] : entries.filter((entry) => entry.account_id === accountId),
  };
};
