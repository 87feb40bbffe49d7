// The HTTP half of the emulators' typed control clients: JSON in, JSON out, an error carrying the
// status and body for anything but 2xx, and polling until a log holds enough finished entries.

export type ControlFetch = <Result>(
  method: string,
  path: string,
  body?: unknown,
) => Promise<Result>;

export const createControlFetch = (
  baseUrl: string,
  toError: (status: number, body: unknown, request: string) => Error,
): ControlFetch => {
  const root = baseUrl.replace(/\/+$/, "");
  return async <Result>(method: string, path: string, body?: unknown): Promise<Result> => {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === "" ? null : JSON.parse(text);
    if (!response.ok) throw toError(response.status, parsed, `${method} ${path}`);
    return parsed as Result;
  };
};

const POLL_INTERVAL_MS = 20;

/** Polls `list` until at least `count` entries are no longer `pending`. */
export const waitForFinished = async <Entry extends { outcome: string }>(
  list: () => Promise<Entry[]>,
  { count, timeoutMs = 5000, noun }: { count: number; timeoutMs?: number; noun: string },
): Promise<Entry[]> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const finished = (await list()).filter((entry) => entry.outcome !== "pending");
    if (finished.length >= count) return finished;
    if (Date.now() > deadline)
      throw new Error(`Only ${finished.length} of ${count} ${noun} finished in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
};
