/** A minimal SSE reader over fetch for tests: parses `id:` and `data:` lines (WHATWG HTML §9.2). */
export type TReceivedEvent = { id: string; topic: string; payload: unknown; receivedAt: number };

export type TSseConnection = {
  status: number;
  events: TReceivedEvent[];
  /** Comment lines seen (heartbeats, the opening comment). */
  comments: string[];
  waitFor: (count: number, timeoutMs?: number) => Promise<TReceivedEvent[]>;
  close: () => void;
};

export async function openSse(
  url: string,
  { lastEventId, headers = {} }: { lastEventId?: string; headers?: Record<string, string> } = {},
): Promise<TSseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { ...headers, ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
    signal: abort.signal,
  });
  const events: TReceivedEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const wakeAll = () => waiters.forEach((wake) => wake());
  const readAll = async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const data = block
          .split("\n")
          .filter((line) => line.startsWith("data: "))
          .map((line) => line.slice(6))
          .join("\n");
        comments.push(...block.split("\n").filter((line) => line.startsWith(":")));
        if (data) {
          const parsed = JSON.parse(data) as { id: string; topic: string; payload: unknown };
          events.push({ ...parsed, receivedAt: performance.now() });
          wakeAll();
        }
      }
    }
  };
  readAll().catch(() => undefined);
  return {
    status: response.status,
    events,
    comments,
    waitFor: (count, timeoutMs = 2_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (events.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(events.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `expected ${count} events within ${timeoutMs} ms, got ${events.length}: ${JSON.stringify(events.map((event) => event.id))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}
