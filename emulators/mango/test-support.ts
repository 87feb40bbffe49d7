// Helpers for the emulator's own tests: a started emulator with its control client, a VPBX API client
// that signs the way Mango's documentation says (written independently of the emulator's verifier),
// and a local external system that records the events it receives.

import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

import { createMangoControl, type MangoControl } from "./control-client";
import { startMangoEmulator, type MangoEmulator, type MangoEmulatorOptions } from "./server";

export type TestEmulator = MangoEmulator & { control: MangoControl };

export const startTestEmulator = async (
  options: MangoEmulatorOptions = {},
): Promise<TestEmulator> => {
  const emulator = await startMangoEmulator({ port: 0, ...options });
  return { ...emulator, control: createMangoControl(emulator.url) };
};

export type Credentials = { key: string; salt: string };

/** sha256 hex of key + json + salt, spelled out from the documented formula. */
export const expectedSign = (key: string, json: string, salt: string): string =>
  createHash("sha256")
    .update(key + json + salt)
    .digest("hex");

export type ApiAnswer = {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, or {} when it is not JSON. */
  body: Record<string, unknown>;
};

/** POSTs `/vpbx/{command}` with the three form fields; `signWith` forges the salt. */
export const callApi = async (
  baseUrl: string,
  credentials: Credentials,
  command: string,
  json: unknown,
  { signWith, rawJson }: { signWith?: string; rawJson?: string } = {},
): Promise<ApiAnswer> => {
  const text = rawJson ?? JSON.stringify(json);
  const form = new URLSearchParams({
    vpbx_api_key: credentials.key,
    sign: expectedSign(credentials.key, text, signWith ?? credentials.salt),
    json: text,
  });
  const response = await fetch(`${baseUrl}/vpbx/${command}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  const answer = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(answer) as Record<string, unknown>;
  } catch {
    // CSV, an empty 204 or a redirect
  }
  return { status: response.status, headers: response.headers, text: answer, body };
};

export type ReceivedEvent = {
  /** The path after the receiver's base (`events/call`, `result/callback`, `ping` …). */
  path: string;
  fields: Record<string, string>;
  /** The parsed `json` field. */
  json: Record<string, unknown>;
};

export type Receiver = {
  /** The base URL to paste as the external-system address (with its trailing slash). */
  url: string;
  received: ReceivedEvent[];
  waitFor(
    count: number,
    predicate?: (event: ReceivedEvent) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
};

const BASE_PATH = "/api/webhooks/mango/secret-token/";

const readAll = async (request: IncomingMessage): Promise<string> => {
  let body = "";
  for await (const chunk of request) body += String(chunk);
  return body;
};

export const startReceiver = async (): Promise<Receiver> => {
  const received: ReceivedEvent[] = [];
  const server = createServer((request, response) => {
    void readAll(request).then((body) => {
      const fields = Object.fromEntries(new URLSearchParams(body));
      const path = (request.url ?? "").replace(BASE_PATH, "");
      received.push({
        path,
        fields,
        json: JSON.parse(fields.json ?? "{}") as Record<string, unknown>,
      });
      response.writeHead(200, { "content-type": "application/json" }).end('{"success":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE_PATH}`,
    received,
    waitFor: async (count, predicate = () => true, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = received.filter(predicate);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline)
          throw new Error(
            `Received ${matching.length} of ${count} events: ${received.map((event) => event.path).join(", ")}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
