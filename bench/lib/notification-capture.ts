import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

import { onCleanup } from "./cleanup";

/** A notification as the emulator posted it: the raw form, its `Signature`, and the fields read back. */
export type TCapturedNotification = {
  body: string;
  signature: string;
  event: string;
  pbxCallId: string;
};

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

/**
 * A notification address in this process that keeps every POST and answers 200, so the bench
 * holds the emulator's own notifications, exactly as they would reach the app, and can replay them
 * in any order. Closed at cleanup.
 */
export async function startNotificationCapture() {
  const captured: TCapturedNotification[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      if (request.method === "POST") {
        const fields = new URLSearchParams(body);
        captured.push({
          body,
          signature: String(request.headers.signature ?? ""),
          event: fields.get("event") ?? "",
          pbxCallId: fields.get("pbx_call_id") ?? "",
        });
      }
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  onCleanup("close the notification capture", close);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/capture`,
    captured,
    close,
  };
}
