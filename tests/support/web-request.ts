import type { IncomingMessage } from "node:http";

/** A Node request as the WHATWG `Request` a Next route handler receives, body read in full. */
export async function toWebRequest(incoming: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? "/", "http://receiver.local");
  const headers = new Headers(
    Object.entries(incoming.headers).flatMap(([key, value]) =>
      typeof value === "string" ? [[key, value] as [string, string]] : [],
    ),
  );
  return new Request(url, {
    method: incoming.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
  });
}
