// Helpers for the emulator's own tests: a started emulator with its control client, a signed REST
// client (the official PHP client's algorithm, written independently of the emulator's verifier), and
// a local receiver for notifications and zd_echo.

import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

import { createZadarmaControl, type ZadarmaControl } from "./control-client";
import { startZadarmaEmulator, type ZadarmaEmulator, type ZadarmaEmulatorOptions } from "./server";

export type TestEmulator = ZadarmaEmulator & { control: ZadarmaControl };

export const startTestEmulator = async (
  options: ZadarmaEmulatorOptions = {},
): Promise<TestEmulator> => {
  const emulator = await startZadarmaEmulator({ port: 0, ...options });
  return { ...emulator, control: createZadarmaControl(emulator.url) };
};

/** PHP urlencode via encodeURIComponent plus the characters it leaves alone. */
const urlencode = (value: string): string =>
  encodeURIComponent(value)
    .replace(/[!'()*~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");

export type Credentials = { key: string; secret: string };

export type ApiAnswer = {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
  text: string;
};

/** Calls `/v1/{method}/` like the official client: `format=json` added, params sorted for the signature. */
export const callApi = async (
  baseUrl: string,
  credentials: Credentials,
  method: string,
  params: Record<string, string> = {},
  { httpMethod = "GET", signWith }: { httpMethod?: string; signWith?: string } = {},
): Promise<ApiAnswer> => {
  const path = `/v1/${method}/`;
  const all = { ...params, format: "json" };
  const query = Object.keys(all)
    .sort()
    .map((key) => `${urlencode(key)}=${urlencode(all[key as keyof typeof all] ?? "")}`)
    .join("&");
  const md5 = createHash("md5").update(query).digest("hex");
  const hex = createHmac("sha1", signWith ?? credentials.secret)
    .update(`${path}${query}${md5}`)
    .digest("hex");
  const signature = Buffer.from(hex).toString("base64");
  const isGet = httpMethod === "GET" || httpMethod === "DELETE";
  const response = await fetch(`${baseUrl}${path}${isGet ? `?${query}` : ""}`, {
    method: httpMethod,
    headers: {
      authorization: `${credentials.key}:${signature}`,
      ...(isGet ? {} : { "content-type": "application/x-www-form-urlencoded" }),
    },
    body: isGet ? undefined : query,
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // malformed JSON is what some tests expect; they read `text`
  }
  return { status: response.status, body, headers: response.headers, text };
};

export type Received = {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  fields: Record<string, string>;
};

export type Receiver = {
  url: string;
  received: Received[];
  /** What the receiver answers to GET ?zd_echo=…: `echo` (correct), or a fixed wrong body. */
  echoMode: "echo" | "wrong";
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
};

const readAll = async (request: IncomingMessage): Promise<string> => {
  let body = "";
  for await (const chunk of request) body += String(chunk);
  return body;
};

export const startReceiver = async (): Promise<Receiver> => {
  const received: Received[] = [];
  const receiver: Receiver = {
    url: "",
    received,
    echoMode: "echo",
    waitFor: async (count, timeoutMs = 3000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.filter((entry) => entry.method === "POST").length < count) {
        if (Date.now() > deadline)
          throw new Error(`Received ${received.length} of ${count} notifications`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received.filter((entry) => entry.method === "POST");
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((request, response) => {
    void readAll(request).then((body) => {
      const url = new URL(request.url ?? "/", "http://receiver.invalid");
      const echo = url.searchParams.get("zd_echo");
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body,
        fields: Object.fromEntries(new URLSearchParams(body)),
      });
      if (echo !== null)
        return response
          .writeHead(200, { "content-type": "text/plain" })
          .end(receiver.echoMode === "echo" ? echo : "nope");
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/zadarma/secret-token`;
  return receiver;
};

/** The Signature header a correct receiver expects (hex-then-base64 HMAC-SHA1). */
export const expectedSignature = (secret: string, signatureString: string): string =>
  Buffer.from(createHmac("sha1", secret).update(signatureString).digest("hex")).toString("base64");
