/**
 * A second app-like process for tests/integration/realtime.int.test.ts: this process's realtime hub
 * (the app's own, configured from the environment like the app) behind the SSE stream the route
 * serves, over node:http. Identity comes from the query string here; the route's session and
 * membership check are covered by the e2e isolation spec. Prints `listening {port}` once ready.
 * Run with `node --conditions=react-server --import tsx`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

import { getDb } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { readRealtimeBacklog } from "@/server/realtime/backlog";
import { createEventStreamResponse } from "@/server/realtime/event-stream";
import { parseLastEventId } from "@/server/realtime/realtime-event";
import { getRealtimeHub } from "@/server/realtime/runtime";

const hub = getRealtimeHub();
hub.start();

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://child.local");
  if (url.pathname === "/status") {
    response.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        isListening: hub.isListening(),
        subscribers: hub.subscriberCount(),
        transport: hub.transport,
      }),
    );
    return;
  }
  const audience = {
    tenantId: url.searchParams.get("tenantId") ?? "",
    membershipId: url.searchParams.get("membershipId") ?? "",
  };
  const lastEventId = parseLastEventId(request.headers["last-event-id"]?.toString());
  if (lastEventId === undefined) {
    response.writeHead(400).end();
    return;
  }
  const abort = new AbortController();
  response.on("close", () => abort.abort());
  const sse = createEventStreamResponse({
    hub,
    audience,
    lastEventId,
    readBacklog: (afterId) => readRealtimeBacklog(getDb(), { audience, afterId }),
    signal: abort.signal,
    log: logger,
  });
  response.writeHead(sse.status, Object.fromEntries(sse.headers));
  Readable.fromWeb(sse.body! as NodeReadableStream).pipe(response);
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});

process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close();
  void hub.stop().then(() => process.exit(0));
});
