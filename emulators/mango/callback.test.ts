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
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  receiver = await startReceiver();
  account = await emulator.control.createAccount({
    numbers: ["74996470001", "74996470002"],
    users: [{ extension: "101" }],
    events_url: receiver.url,
    timings: { callback_result_delay_ms: 50, record_delay_ms: 0 },
  });
  await emulator.control.setClientScript(account.id, { mode: "answer", answer_after_ms: 50 });
});
afterEach(() => receiver.close());

const callback = (json: Record<string, unknown>) =>
  callApi(emulator.url, account, "commands/callback", json);

describe("commands/callback", () => {
  it("rings the extension, then the client; result/callback and every event carry the command_id", async () => {
    const answer = await callback({
      command_id: "c2c_key-1",
      from: { extension: "101" },
      to_number: "+7 (999) 000-00-00",
      line_number: "74996470002",
    });
    expect(answer).toMatchObject({ status: 200, body: { result: 1000 } });

    const [result] = await receiver.waitFor(1, (event) => event.path === "result/callback");
    expect(result?.json).toEqual({ command_id: "c2c_key-1", result: 1000 });

    const [call] = await emulator.control.listCalls(account.id);
    expect(call).toMatchObject({
      direction: "out",
      state: "ringing",
      from_extension: "101",
      to_number: "79990000000",
      line_number: "74996470002",
      command_id: "c2c_key-1",
    });
    // The extension's phone rings first; nobody dials the client before it answers.
    expect(call?.legs).toHaveLength(1);
    await emulator.control.driveCall(account.id, call?.entry_id ?? "", { action: "answer" });
    // The scripted client answers after answer_after_ms.
    await receiver.waitFor(1, (event) => event.path === "events/recording");
    const live = await emulator.control.getCall(account.id, call?.entry_id ?? "");
    expect(live).toMatchObject({ state: "connected" });
    expect(live.legs.map((leg) => [leg.extension, leg.state])).toEqual([
      ["101", "connected"],
      [null, "connected"],
    ]);
    await emulator.control.driveCall(account.id, call?.entry_id ?? "", { action: "hangup" });
    await receiver.waitFor(1, (event) => event.path === "events/record/added");

    const events = receiver.received.filter((event) => event.path === "events/call");
    expect(events.map((event) => event.json.call_state)).toEqual([
      "Appeared",
      "Connected",
      "Appeared",
      "Connected",
      "Disconnected",
      "Disconnected",
    ]);
    expect(events.every((event) => event.json.command_id === "c2c_key-1")).toBe(true);
    expect(events[2]?.json).toMatchObject({
      from: { extension: "101", number: "74996470002" },
      to: { number: "79990000000", line_number: "74996470002" },
    });
    const summary = receiver.received.find((event) => event.path === "events/summary")?.json;
    expect(summary).toMatchObject({
      call_direction: 2,
      command_id: "c2c_key-1",
      from: { extension: "101" },
      to: { number: "79990000000" },
      entry_result: 1,
    });
  });

  it("answers by itself with sip_headers Call-Info/answer-after", async () => {
    await callback({
      command_id: "auto",
      from: { extension: "101" },
      to_number: "79990000001",
      sip_headers: { "Call-Info/answer-after": "0" },
    });
    await receiver.waitFor(1, (event) => event.path === "events/recording");
    const [call] = await emulator.control.listCalls(account.id);
    expect(call).toMatchObject({ state: "connected", command_id: "auto" });
  });

  it("a user with auto_answer_ms picks up callbacks and incoming calls by itself", async () => {
    await emulator.control.patchUser(account.id, "101", { auto_answer_ms: 20 });
    await callback({ command_id: "self", from: { extension: "101" }, to_number: "79990000002" });
    await receiver.waitFor(1, (event) => event.path === "events/recording");
    const incoming = await emulator.control.placeCall(account.id, { caller: "79031234509" });
    await receiver.waitFor(2, (event) => event.path === "events/recording");
    expect(await emulator.control.getCall(account.id, incoming.entry_id)).toMatchObject({
      state: "connected",
      extension: "101",
    });
    expect((await emulator.control.getAccount(account.id)).users[0]).toMatchObject({
      extension: "101",
      auto_answer_ms: 20,
    });
  });

  it("refuses an unknown extension (3310) and a missing to_number (3103)", async () => {
    expect(
      (await callback({ command_id: "x", from: { extension: "555" }, to_number: "79990000000" }))
        .body,
    ).toMatchObject({ result: 3310 });
    await emulator.control.clearLockout();
    expect((await callback({ command_id: "x", from: { extension: "101" } })).body).toMatchObject({
      result: 3103,
    });
    expect(await emulator.control.listCalls(account.id)).toEqual([]);
  });

  it("allows 4 callbacks a second per product: the 5th gets 503 with result 5008", async () => {
    await emulator.control.setClock({ now: "2026-03-02T10:00:00Z" });
    const json = (n: number) => ({
      command_id: `burst-${n}`,
      from: { extension: "101" },
      to_number: "79990000000",
    });
    for (let n = 1; n <= 4; n++) expect((await callback(json(n))).body).toEqual({ result: 1000 });
    const fifth = await callback(json(5));
    expect(fifth.status).toBe(503);
    expect(fifth.body).toMatchObject({ result: 5008 });
    await emulator.control.setClock({ advance_ms: 1000 });
    expect((await callback(json(6))).status).toBe(200);
  });

  it("commands/call/hangup ends the call by a call_id", async () => {
    await callback({ command_id: "h", from: { extension: "101" }, to_number: "79990000000" });
    const [call] = await emulator.control.listCalls(account.id);
    const answer = await callApi(emulator.url, account, "commands/call/hangup", {
      command_id: "h2",
      call_id: call?.legs[0]?.call_id,
    });
    expect(answer.body).toEqual({ result: 1000 });
    expect(await emulator.control.getCall(account.id, call?.entry_id ?? "")).toMatchObject({
      state: "ended",
      outcome: "cancelled",
    });
  });
});

describe("API faults", () => {
  it("answers a 5xx, a limit, or malformed JSON on demand", async () => {
    await emulator.control.addApiFault({ mode: "http_error", status: 502, times: 1 });
    await emulator.control.addApiFault({
      mode: "limit",
      times: 1,
      match: { command: "commands/callback" },
    });
    const json = { command_id: "f", from: { extension: "101" }, to_number: "79990000000" };
    expect((await callback(json)).status).toBe(502);
    const limited = await callback(json);
    expect(limited).toMatchObject({ status: 503, body: { result: 5008 } });
    expect((await callback(json)).body).toEqual({ result: 1000 });
    await emulator.control.addApiFault({ mode: "malformed_json", times: 1 });
    const malformed = await callback({ ...json, command_id: "g" });
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text) as unknown).toThrow();
    const log = await emulator.control.requests({ accountId: account.id });
    expect(log.map((entry) => [entry.status, entry.result, entry.faults])).toEqual([
      [502, null, ["http_error"]],
      [503, 5008, ["limit"]],
      [200, 1000, []],
      [200, 1000, ["malformed_json"]],
    ]);
  });
});
