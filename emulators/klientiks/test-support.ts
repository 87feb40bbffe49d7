// Helpers for the emulator's own tests: a started emulator with its control client, REST URL
// building, a small seeded account, and a local webhook receiver.

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach } from "vitest";

import type { AccountView } from "./accounts";
import { createKlientiksControl, type KlientiksControl } from "./control-client";
import {
  startKlientiksEmulator,
  type KlientiksEmulator,
  type KlientiksEmulatorOptions,
} from "./server";

export type TestEmulator = KlientiksEmulator & { control: KlientiksControl };

export const startTestEmulator = async (
  options: KlientiksEmulatorOptions = {},
): Promise<TestEmulator> => {
  const emulator = await startKlientiksEmulator({ port: 0, ...options });
  return { ...emulator, control: createKlientiksControl(emulator.url) };
};

/** One emulator for the test file, reset before each test; the getter reads it inside a test. */
export const setUpTestEmulator = (options: KlientiksEmulatorOptions = {}): (() => TestEmulator) => {
  let emulator: TestEmulator | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator(options);
  });
  afterAll(() => emulator?.close());
  beforeEach(() => emulator?.control.reset());
  return () => {
    if (!emulator) throw new Error("the emulator did not start");
    return emulator;
  };
};

type ApiCredentials = Pick<AccountView, "account_id" | "user_id" | "access_token">;

/** `…/clientix/Restapi/{action}/a/{A}/u/{U}/t/{T}{rest}` */
export const restUrl = (
  baseUrl: string,
  account: ApiCredentials,
  action: string,
  rest = "",
): string =>
  `${baseUrl}/clientix/Restapi/${action}/a/${account.account_id}/u/${account.user_id}/t/${account.access_token}${rest}`;

export const getJson = async (
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: unknown; headers: Headers }> => {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? null : (JSON.parse(text) as unknown),
    headers: response.headers,
  };
};

export const postForm = (url: string, fields: Record<string, string | string[]>) => {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) form.append(name, item);
  return getJson(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
};

/** An account with one employee, one service and one client. */
export const seedSmallAccount = async (
  control: KlientiksControl,
  init: Parameters<KlientiksControl["createAccount"]>[0] = {},
) => {
  const account = await control.createAccount(init);
  const executor = await control.addUser(account.account_id, {
    name: "Кузнецова Марина Сергеевна",
  });
  const service = await control.addService(account.account_id, {
    name: "Стрижка женская",
    price: "2500",
    duration_minutes: 60,
  });
  const client = await control.addClient(account.account_id, {
    first_name: "Анна",
    second_name: "Орлова",
    phone: "+7 (903) 123-45-01",
    lead_source: "Instagram",
    fire_webhooks: false,
  });
  return { account, executor, service, client };
};

export type ReceivedRequest = { method: string; url: string; body: string; userAgent: string };

export type WebhookReceiver = {
  /** Base URL of the receiver, e.g. `http://127.0.0.1:1234`. */
  url: string;
  received: ReceivedRequest[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
};

const readAll = async (request: IncomingMessage): Promise<string> => {
  let body = "";
  for await (const chunk of request) body += String(chunk);
  return body;
};

export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    void readAll(request).then((body) => {
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        body,
        userAgent: request.headers["user-agent"] ?? "",
      });
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    waitFor: async (count, timeoutMs = 2000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`Received ${received.length} of ${count} webhooks`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
