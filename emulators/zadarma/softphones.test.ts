import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import {
  callApi,
  startReceiver,
  startTestEmulator,
  type Receiver,
  type TestEmulator,
} from "./test-support";

let emulator: TestEmulator;
let receiver: Receiver;
let account: AccountView;

beforeAll(async () => {
  emulator = await startTestEmulator({ seedDemo: true });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  receiver = await startReceiver();
  account = await emulator.control.createAccount({
    numbers: ["74950000000", "78120000000"],
    extensions: [
      { number: "100", name: "Ольга" },
      { number: "101", name: "Марина" },
      { number: "102", online: false },
    ],
    notification_url: receiver.url,
    timings: { ring_timeout_ms: 300, record_delay_ms: 20 },
  });
});
afterEach(() => receiver.close());

const phoneApi = async (path: string, body?: Record<string, string | boolean>) => {
  const response = await fetch(`${emulator.url}/phones/api/${path}`, {
    method: body ? "POST" : "GET",
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify({ account: account.id, ...body }) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const phone = async (extension: string) =>
  (await phoneApi(`extension?account=${account.id}&extension=${extension}`)).body;
const eventNames = () =>
  receiver.received.filter((entry) => entry.method === "POST").map((entry) => entry.fields.event);
const waitUntil = async (check: () => Promise<boolean> | boolean, timeoutMs = 2000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("call the company", () => {
  it("rings every online extension; the first to answer takes it; hang-up ends it answered", async () => {
    const dial = await phoneApi("caller/dial", {
      caller: "+7 (903) 123-45-01",
      did: "78120000000",
    });
    expect(dial).toMatchObject({ status: 200, body: { state: "ringing" } });
    const callId = String(dial.body.pbx_call_id);
    expect(await phone("100")).toMatchObject({
      name: "Ольга",
      call: { state: "ringing", kind: "incoming", peer: "79031234501" },
    });
    expect(await phone("102")).toMatchObject({ online: false, call: null });

    expect((await phoneApi("extension/answer", { extension: "101" })).body).toMatchObject({
      call: { state: "connected" },
    });
    expect(await phone("100")).toMatchObject({ call: null });
    expect((await phoneApi(`caller?account=${account.id}&call=${callId}`)).body).toMatchObject({
      state: "connected",
      extension: "101",
    });
    expect((await phoneApi("extension/answer", { extension: "100" })).status).toBe(409);

    await phoneApi("extension/hangup", { extension: "101" });
    expect((await phoneApi(`caller?account=${account.id}&call=${callId}`)).body).toMatchObject({
      state: "ended",
      disposition: "answered",
    });
    await receiver.waitFor(6);
    expect(eventNames()).toEqual([
      "NOTIFY_START",
      "NOTIFY_INTERNAL",
      "NOTIFY_INTERNAL",
      "NOTIFY_ANSWER",
      "NOTIFY_END",
      "NOTIFY_RECORD",
    ]);
  });

  it("declined by every ringing extension → busy", async () => {
    await phoneApi("caller/dial", { caller: "79031234501", did: "74950000000" });
    await phoneApi("extension/decline", { extension: "100" });
    const [call] = await emulator.control.listCalls(account.id);
    expect(call?.state).toBe("ringing");
    await phoneApi("extension/decline", { extension: "101" });
    expect((await emulator.control.listCalls(account.id))[0]).toMatchObject({
      state: "ended",
      disposition: "busy",
    });
  });

  it("the caller hanging up before an answer → cancel; nobody answering in time → no answer", async () => {
    const first = await phoneApi("caller/dial", { caller: "79031234501", did: "74950000000" });
    await phoneApi("caller/hangup", { call: String(first.body.pbx_call_id) });
    await phoneApi("caller/dial", { caller: "79031234502", did: "74950000000" });
    await waitUntil(
      async () => (await emulator.control.listCalls(account.id))[1]?.state === "ended",
    );
    expect((await emulator.control.listCalls(account.id)).map((call) => call.disposition)).toEqual([
      "cancel",
      "no answer",
    ]);
  });

  it("refuses a number that is not the company's", async () => {
    expect(
      (await phoneApi("caller/dial", { caller: "79031234501", did: "70000000000" })).status,
    ).toBe(400);
  });
});

describe("callback from the REST API", () => {
  it("rings the extension first; on answer the scripted client picks up; hang-up ends it answered", async () => {
    await emulator.control.setClientScript(account.id, { mode: "answer", answer_after_ms: 50 });
    await callApi(emulator.url, account, "request/callback", { from: "100", to: "79990000000" });
    expect(await phone("100")).toMatchObject({
      call: { kind: "callback", state: "ringing", peer: "79990000000" },
    });
    expect(eventNames()).toEqual([]);

    await phoneApi("extension/answer", { extension: "100" });
    await waitUntil(
      async () =>
        (await phone("100")).call !== null &&
        ((await phone("100")).call as { state: string }).state === "connected",
    );
    await phoneApi("extension/hangup", { extension: "100" });
    await receiver.waitFor(3);
    expect(eventNames()).toEqual(["NOTIFY_OUT_START", "NOTIFY_OUT_END", "NOTIFY_RECORD"]);
    expect(
      receiver.received.find((entry) => entry.fields.event === "NOTIFY_OUT_END")?.fields,
    ).toMatchObject({ disposition: "answered", internal: "100" });
  });

  it("a busy client, and an extension declining its own callback", async () => {
    await emulator.control.setClientScript(account.id, {
      number: "79990000001",
      mode: "busy",
      answer_after_ms: 10,
    });
    await callApi(emulator.url, account, "request/callback", { from: "100", to: "79990000001" });
    await phoneApi("extension/answer", { extension: "100" });
    await callApi(emulator.url, account, "request/callback", { from: "101", to: "79990000002" });
    await phoneApi("extension/decline", { extension: "101" });
    await waitUntil(async () =>
      (await emulator.control.listCalls(account.id)).every((call) => call.state === "ended"),
    );
    expect(
      (await emulator.control.listCalls(account.id)).map((call) => [
        call.destination,
        call.disposition,
        call.client_leg,
      ]),
    ).toEqual([
      ["79990000001", "busy", "declined"],
      ["79990000002", "busy", "idle"],
    ]);
    await receiver.waitFor(3);
    expect(eventNames()).toEqual(["NOTIFY_OUT_START", "NOTIFY_OUT_END", "NOTIFY_OUT_END"]);
  });

  it("a manual client answers and hangs up on /client-phone", async () => {
    await emulator.control.setClientScript(account.id, { mode: "manual" });
    await emulator.control.patchAccount(account.id, { timings: { ring_timeout_ms: 5000 } });
    await callApi(emulator.url, account, "request/callback", { from: "100", to: "79990000000" });
    await phoneApi("extension/answer", { extension: "100" });
    expect(await phone("100")).toMatchObject({ call: { state: "dialing" } });
    expect((await phoneApi(`client?account=${account.id}&number=79990000000`)).body).toMatchObject({
      call: { state: "ringing", from: "74950000000" },
    });
    await phoneApi("client/answer", { number: "79990000000" });
    expect(await phone("100")).toMatchObject({ call: { state: "connected" } });
    await phoneApi("client/hangup", { number: "79990000000" });
    expect((await emulator.control.listCalls(account.id))[0]).toMatchObject({
      state: "ended",
      disposition: "answered",
      client_leg: "ended",
    });
  });
});

describe("driving calls through the control API", () => {
  it("answers and hangs up a live scripted call by extension", async () => {
    const call = await emulator.control.placeCall(account.id, {
      scenario: "incoming",
      live: true,
      ring_seconds: 60,
    });
    expect(call.state).toBe("ringing");
    await emulator.control.driveCall(account.id, call.pbx_call_id, {
      action: "answer",
      extension: "100",
    });
    const ended = await emulator.control.driveCall(account.id, call.pbx_call_id, {
      action: "hangup",
      extension: "100",
    });
    expect(ended).toMatchObject({ state: "ended", disposition: "answered", extension: "100" });
    await expect(
      emulator.control.driveCall(account.id, call.pbx_call_id, {
        action: "answer",
        extension: "101",
      }),
    ).rejects.toThrow(/409/);
  });
});

describe("pages", () => {
  it("serve the softphone, call-the-company and client pages with labelled controls", async () => {
    const extensionPage = await (
      await fetch(`${emulator.url}/phones/100?account=${account.id}`)
    ).text();
    expect(extensionPage).toContain("Ольга");
    for (const label of [">Answer</button>", ">Decline</button>", ">Hang up</button>"])
      expect(extensionPage).toContain(label);
    const callPage = await (await fetch(`${emulator.url}/call?account=${account.id}`)).text();
    expect(callPage).toContain('<label for="caller">Caller number</label>');
    expect(callPage).toContain('<label for="did">Company number</label>');
    expect(callPage).toContain(">Call</button>");
    expect(callPage).toContain('<option value="78120000000">');
    expect(
      (await fetch(`${emulator.url}/client-phone?account=${account.id}&number=79990000000`)).status,
    ).toBe(200);
    expect((await fetch(`${emulator.url}/phones/555?account=${account.id}`)).status).toBe(404);
    // The app knows the account by its API key: the pages take it too and work on the account.
    expect(
      await (await fetch(`${emulator.url}/phones/100?account=${account.key}`)).text(),
    ).toContain(`account ${account.id}`);
    expect(await (await fetch(`${emulator.url}/call`)).text()).toContain("Account demo");
  });
});
