import { connect, createServer, type Socket } from "node:net";

import { createTestDb } from "./test-db";

/**
 * A database client that a test can cut off and reconnect: its connections go through a TCP relay
 * to the test database. `cutOff()` drops every open connection and refuses new ones, as a database
 * that went down would; `restore()` lets them through again.
 */
export async function createInterruptibleDb() {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  const target = new URL(process.env.DATABASE_URL);
  const sockets = new Set<Socket>();
  let isCutOff = false;

  const relay = createServer((client) => {
    if (isCutOff) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const address = relay.address();
  if (address === null || typeof address === "string") throw new Error("the relay has no port");

  const relayedUrl = new URL(target);
  relayedUrl.hostname = "127.0.0.1";
  relayedUrl.port = String(address.port);
  const db = createTestDb({ url: relayedUrl.toString() });

  const cutOff = () => {
    isCutOff = true;
    for (const socket of sockets) socket.destroy();
  };
  return {
    db,
    cutOff,
    restore: () => {
      isCutOff = false;
    },
    close: async () => {
      await db.$disconnect();
      cutOff();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}
