import { once } from "node:events";

import WebSocket from "ws";

const CALL_TIMEOUT_MS = 30_000;

/** The Node flag that opens the server's inspector on `port`, for `collectServerGarbage`. */
export const inspectorFlag = (port: number) => `--inspect=127.0.0.1:${port}`;

type TInspectorAnswer = { id?: number; result?: unknown; error?: { message: string } };

/** Calls one inspector-protocol method of the server and returns its result. */
async function callInspector(inspectorPort: number, method: string, params: object = {}) {
  const listing = await fetch(`http://127.0.0.1:${inspectorPort}/json/list`);
  const [target] = (await listing.json()) as { webSocketDebuggerUrl: string }[];
  if (!target) throw new Error(`no inspector target on port ${inspectorPort}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  try {
    await once(socket, "open");
    const answered = new Promise<unknown>((resolve, reject) => {
      socket.on("message", (data) => {
        const answer = JSON.parse(String(data)) as TInspectorAnswer;
        if (answer.id !== 1) return;
        if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
        else resolve(answer.result);
      });
    });
    socket.send(JSON.stringify({ id: 1, method, params }));
    return await Promise.race([
      answered,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`${method}: no answer`)), CALL_TIMEOUT_MS).unref(),
      ),
    ]);
  } finally {
    socket.close();
  }
}

/**
 * Has the server's V8 run a full collection that gives memory back (`HeapProfiler.collectGarbage`,
 * which V8 serves as a low-memory notification). Resident memory read right after is what live
 * objects hold, not garbage the collector had not yet had a reason to reclaim.
 */
export async function collectServerGarbage(inspectorPort: number): Promise<void> {
  await callInspector(inspectorPort, "HeapProfiler.collectGarbage");
}

/** The server's `process.memoryUsage()`, in MB, to tell its JS heap from the rest of its RSS. */
export async function serverMemoryUsage(inspectorPort: number): Promise<Record<string, number>> {
  const result = (await callInspector(inspectorPort, "Runtime.evaluate", {
    expression: "JSON.stringify(process.memoryUsage())",
    returnByValue: true,
  })) as { result: { value: string } };
  const usage = JSON.parse(result.result.value) as Record<string, number>;
  return Object.fromEntries(
    Object.entries(usage).map(([name, bytes]) => [name, Math.round(bytes / 2 ** 20)]),
  );
}
