import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import {
  callApi,
  expectedSignature,
  startReceiver,
  startTestEmulator,
  type Received,
  type Receiver,
  type TestEmulator,
} from "./test-support";

let emulator: TestEmulator;
let receiver: Receiver;
let account: AccountView;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  receiver = await startReceiver();
  account = await emulator.control.createAccount({
    numbers: ["74950000000"],
    extensions: [{ number: "100" }, { number: "101" }, { number: "102", online: false }],
    notification_url: receiver.url,
    timings: { record_delay_ms: 50 },
  });
});
afterEach(() => receiver.close());

/** The signature string of the telephony-zadarma §8 table, rebuilt from the received fields. */
const signatureString = (fields: Record<string, string>): string => {
  const f = (name: string) => fields[name] ?? "";
  switch (fields.event) {
    case "NOTIFY_ANSWER":
      return f("caller_id") + f("destination") + f("call_start");
    case "NOTIFY_OUT_START":
    case "NOTIFY_OUT_END":
      return f("internal") + f("destination") + f("call_start");
    case "NOTIFY_RECORD":
      return f("pbx_call_id") + f("call_id_with_rec");
    default:
      return f("caller_id") + f("called_did") + f("call_start");
  }
};

const validlySigned = (entry: Received): boolean =>
  entry.headers.signature === expectedSignature(account.secret, signatureString(entry.fields));

const events = (received: Received[]) =>
  received.map((entry) => [entry.fields.event, entry.fields.internal ?? ""].join(" ").trim());

describe("event sequences", () => {
  it("incoming answered: START, INTERNAL per online extension, ANSWER, END, then RECORD", async () => {
    const call = await emulator.control.placeCall(account.id, {
      scenario: "incoming",
      caller: "79031234501",
      answered_by: "101",
      ring_seconds: 4,
      talk_seconds: 30,
    });
    const received = await receiver.waitFor(6);
    expect(events(received)).toEqual([
      "NOTIFY_START",
      "NOTIFY_INTERNAL 100",
      "NOTIFY_INTERNAL 101",
      "NOTIFY_ANSWER 101",
      "NOTIFY_END 101",
      "NOTIFY_RECORD",
    ]);
    expect(received.every(validlySigned)).toBe(true);
    const [start, , , answer, end, record] = received.map((entry) => entry.fields);
    expect(start).toEqual({
      event: "NOTIFY_START",
      call_start: call.call_start,
      pbx_call_id: call.pbx_call_id,
      caller_id: "79031234501",
      called_did: "74950000000",
    });
    expect(answer).toMatchObject({ destination: "74950000000", caller_id: "79031234501" });
    expect(end).toMatchObject({
      disposition: "answered",
      duration: "34",
      status_code: "16",
      is_recorded: "1",
      call_id_with_rec: call.call_id,
    });
    expect(record).toEqual({
      event: "NOTIFY_RECORD",
      call_id_with_rec: call.call_id,
      pbx_call_id: call.pbx_call_id,
    });
    expect(received[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(call.call_start).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(call.pbx_call_id).toMatch(/^in_[0-9a-f]{32}$/);
  });

  it.each([
    ["no answer", "19"],
    ["cancel", "16"],
    ["busy", "17"],
  ] as const)(
    "incoming %s rings every online extension and records nothing",
    async (disposition, statusCode) => {
      await emulator.control.placeCall(account.id, { scenario: "incoming", disposition });
      const received = await receiver.waitFor(4);
      expect(events(received)).toEqual([
        "NOTIFY_START",
        "NOTIFY_INTERNAL 100",
        "NOTIFY_INTERNAL 101",
        "NOTIFY_END",
      ]);
      expect(received[3]?.fields).toMatchObject({
        disposition,
        status_code: statusCode,
        is_recorded: "0",
        call_id_with_rec: "",
        internal: "",
      });
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(receiver.received.length).toBe(4);
    },
  );

  it("transferred: answered by one extension, then INTERNAL and ANSWER of another", async () => {
    await emulator.control.placeCall(account.id, {
      scenario: "incoming_transferred",
      answered_by: "100",
      transfer_to: "102",
      talk_seconds: 20,
    });
    const received = await receiver.waitFor(8);
    expect(events(received)).toEqual([
      "NOTIFY_START",
      "NOTIFY_INTERNAL 100",
      "NOTIFY_INTERNAL 101",
      "NOTIFY_ANSWER 100",
      "NOTIFY_INTERNAL 102",
      "NOTIFY_ANSWER 102",
      "NOTIFY_END 102",
      "NOTIFY_RECORD",
    ]);
    expect(received.every(validlySigned)).toBe(true);
  });

  it("outgoing: OUT_START, OUT_END answered with the recording, then RECORD", async () => {
    const call = await emulator.control.placeCall(account.id, {
      scenario: "outgoing",
      extension: "101",
      destination: "79990000000",
      talk_seconds: 12,
    });
    const received = await receiver.waitFor(3);
    expect(events(received)).toEqual([
      "NOTIFY_OUT_START 101",
      "NOTIFY_OUT_END 101",
      "NOTIFY_RECORD",
    ]);
    expect(received.every(validlySigned)).toBe(true);
    expect(received[0]?.fields).toEqual({
      event: "NOTIFY_OUT_START",
      call_start: call.call_start,
      pbx_call_id: call.pbx_call_id,
      internal: "101",
      destination: "79990000000",
    });
    expect(received[1]?.fields).toMatchObject({
      caller_id: "74950000000",
      disposition: "answered",
      is_recorded: "1",
    });
    expect(call.pbx_call_id).toMatch(/^out_/);
  });

  it("sends only enabled events, and nothing for backdated calls", async () => {
    await emulator.control.patchAccount(account.id, {
      enabled_events: ["NOTIFY_START", "NOTIFY_END"],
    });
    await emulator.control.placeCall(account.id, {
      scenario: "incoming",
      at: "2024-05-06 10:00:00",
    });
    await emulator.control.placeCall(account.id, { scenario: "incoming" });
    const received = await receiver.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(events(receiver.received)).toEqual(["NOTIFY_START", "NOTIFY_END 100"]);
    expect(received.length).toBe(2);
  });

  it("`notify: false` keeps a call out of the notifications but in the calls list", async () => {
    await emulator.control.placeCall(account.id, { scenario: "incoming", notify: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toEqual([]);
    expect(await emulator.control.listCalls(account.id)).toHaveLength(1);
  });
});

describe("notification faults", () => {
  it("duplicate sends copies, bad_signature forges the header, drop sends nothing", async () => {
    await emulator.control.addWebhookFault(account.id, {
      mode: "duplicate",
      copies: 3,
      event: "NOTIFY_START",
      times: 1,
    });
    await emulator.control.addWebhookFault(account.id, {
      mode: "bad_signature",
      event: "NOTIFY_ANSWER",
    });
    await emulator.control.addWebhookFault(account.id, { mode: "drop", event: "NOTIFY_INTERNAL" });
    await emulator.control.placeCall(account.id, { scenario: "incoming" });
    const received = await receiver.waitFor(6);
    expect(events(received)).toEqual([
      "NOTIFY_START",
      "NOTIFY_START",
      "NOTIFY_START",
      "NOTIFY_ANSWER 100",
      "NOTIFY_END 100",
      "NOTIFY_RECORD",
    ]);
    expect(
      received.filter((entry) => !validlySigned(entry)).map((entry) => entry.fields.event),
    ).toEqual(["NOTIFY_ANSWER"]);
    const log = await emulator.control.listNotifications(account.id);
    expect(
      log.filter((delivery) => delivery.outcome === "dropped").map((delivery) => delivery.event),
    ).toEqual(["NOTIFY_INTERNAL", "NOTIFY_INTERNAL"]);
    expect(log.find((delivery) => delivery.event === "NOTIFY_ANSWER")).toMatchObject({
      signature_valid: false,
      faults: ["bad_signature"],
    });
    expect(log[0]?.url).toContain("/api/webhooks/zadarma/***");
  });

  it("reorder holds a call's notifications and sends them reversed at its end", async () => {
    await emulator.control.addWebhookFault(account.id, { mode: "reorder", times: 1 });
    await emulator.control.placeCall(account.id, { scenario: "incoming", answered_by: "100" });
    const received = await receiver.waitFor(6);
    expect(events(received)).toEqual([
      "NOTIFY_END 100",
      "NOTIFY_ANSWER 100",
      "NOTIFY_INTERNAL 101",
      "NOTIFY_INTERNAL 100",
      "NOTIFY_START",
      "NOTIFY_RECORD",
    ]);
    expect(received.every(validlySigned)).toBe(true);
  });

  it("delay lets later notifications overtake the delayed one", async () => {
    await emulator.control.addWebhookFault(account.id, {
      mode: "delay",
      ms: 150,
      event: "NOTIFY_START",
    });
    await emulator.control.placeCall(account.id, {
      scenario: "incoming",
      disposition: "no answer",
    });
    const received = await receiver.waitFor(4);
    expect(events(received)).toEqual([
      "NOTIFY_INTERNAL 100",
      "NOTIFY_INTERNAL 101",
      "NOTIFY_END",
      "NOTIFY_START",
    ]);
  });

  it("the delivery log records the receiver's answer", async () => {
    await emulator.control.placeCall(account.id, { scenario: "incoming", disposition: "cancel" });
    const log = await emulator.control.waitForNotifications(account.id, { count: 4 });
    expect(
      log.every((delivery) => delivery.outcome === "delivered" && delivery.status === 200),
    ).toBe(true);
  });
});

describe("zd_echo", () => {
  it("pbx/callinfo/url saves a URL that echoes, and refuses one that does not", async () => {
    await emulator.control.patchAccount(account.id, { notification_url: null });
    const saved = await callApi(
      emulator.url,
      account,
      "pbx/callinfo/url",
      { url: receiver.url },
      { httpMethod: "POST" },
    );
    expect(saved.body).toEqual({ status: "success", url: receiver.url });
    const check = receiver.received.find((entry) => entry.method === "GET");
    expect(check?.url).toMatch(/[?&]zd_echo=[0-9a-f]+$/);
    expect((await emulator.control.getAccount(account.id)).notification_url).toBe(receiver.url);

    receiver.echoMode = "wrong";
    const refused = await callApi(
      emulator.url,
      account,
      "pbx/callinfo/url",
      { url: `${receiver.url}?x=1` },
      { httpMethod: "PUT" },
    );
    expect(refused.body).toEqual({ status: "error", message: "url not confirmed" });
    expect((await emulator.control.getAccount(account.id)).notification_url).toBe(receiver.url);
  });

  it("the control utility reports the handshake", async () => {
    expect(await emulator.control.zdEcho(receiver.url)).toMatchObject({
      confirmed: true,
      status: 200,
    });
    receiver.echoMode = "wrong";
    expect(await emulator.control.zdEcho(receiver.url)).toMatchObject({
      confirmed: false,
      body: "nope",
    });
    expect(await emulator.control.zdEcho("http://127.0.0.1:9/unreachable")).toMatchObject({
      confirmed: false,
      status: null,
    });
  });
});
