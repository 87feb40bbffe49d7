// Starting, guarding and stopping the emulators' node:http servers.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { RequestBodyTooLargeError, sendJson } from "../zadarma/http";
import type { Logger } from "../zadarma/logger";

export type Listening = { server: Server; url: string; port: number; close(): Promise<void> };

/** Listens on `host:port` (0 = any free port) and hands back the URL and a close function. */
export const listen = async (
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  port: number,
  host: string,
): Promise<Listening> => {
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging requests (the `hang` fault) and idle keep-alive sockets would hold close() open.
        server.closeAllConnections();
      }),
  };
};

/** Runs `dispatch`; anything it throws becomes a 413 or a 500 instead of a crashed process. */
export const guardRequest = async (
  logger: Logger,
  request: IncomingMessage,
  response: ServerResponse,
  dispatch: (url: URL) => Promise<void>,
): Promise<void> => {
  const url = new URL(request.url ?? "/", "http://emulator.invalid");
  try {
    await dispatch(url);
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
    } else if (error instanceof RequestBodyTooLargeError) {
      sendJson(response, 413, { error: error.message });
    } else {
      logger.error(`${request.method ?? "GET"} ${url.pathname} failed`, error);
      sendJson(response, 500, { error: "Internal emulator error" });
    }
  }
};
