import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import { mangoSign, sameSign } from "./sign";
import {
  callApi,
  expectedSign,
  startReceiver,
  startTestEmulator,
  type Receiver,
  type TestEmulator,
} from "./test-support";

/** The known-answer vector of the team's telephony protocol reference (the `sign` formula). */
const KAT = {
  key: "test-key",
  salt: "test-salt",
  json: '{"command_id":"cmd-1","from":{"extension":"101"},"to_number":"79990000000"}',
  sign: "0c906a576ef0f520c9a3708865f55517ff2e356adfda9b7527ca93c2cff74dd5",
};

describe("mangoSign", () => {
  it("gives the known answer", () => {
    expect(mangoSign(KAT.key, KAT.json, KAT.salt)).toBe(KAT.sign);
    expect(expectedSign(KAT.key, KAT.json, KAT.salt)).toBe(KAT.sign);
  });

  it("compares in constant time, either case", () => {
    expect(sameSign(KAT.sign, KAT.sign.toUpperCase())).toBe(true);
    expect(sameSign(KAT.sign, KAT.sign.slice(1))).toBe(false);
    expect(sameSign(KAT.sign, `${KAT.sign.slice(0, -1)}0`)).toBe(false);
  });
});

describe("signatures on the wire", () => {
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
      key: KAT.key,
      salt: KAT.salt,
      numbers: ["74996470001"],
      users: [{ extension: "101" }],
      events_url: receiver.url,
      timings: { callback_result_delay_ms: 0 },
    });
  });
  afterEach(() => receiver.close());

  it("accepts the known-answer request as sent, byte for byte", async () => {
    const response = await fetch(`${emulator.url}/vpbx/commands/callback`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ vpbx_api_key: KAT.key, sign: KAT.sign, json: KAT.json }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 1000 });
  });

  it("refuses a sign over a re-serialised json (3102)", async () => {
    const spaced = JSON.stringify(JSON.parse(KAT.json), null, 1);
    const response = await fetch(`${emulator.url}/vpbx/commands/callback`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ vpbx_api_key: KAT.key, sign: KAT.sign, json: spaced }),
    });
    expect(await response.json()).toMatchObject({ result: 3102 });
  });

  it("refuses a wrong salt (3102) and an unknown key (3105)", async () => {
    const wrongSalt = await callApi(
      emulator.url,
      account,
      "config/users/request",
      {},
      {
        signWith: "other-salt",
      },
    );
    expect(wrongSalt.body).toMatchObject({ result: 3102 });
    await emulator.control.clearLockout();
    const unknown = await callApi(
      emulator.url,
      { key: "nobody", salt: KAT.salt },
      "config/users/request",
      {},
    );
    expect(unknown.body).toMatchObject({ result: 3105 });
  });

  it("signs every event with the same formula over the json as sent", async () => {
    await callApi(emulator.url, account, "commands/callback", JSON.parse(KAT.json));
    const [result] = await receiver.waitFor(1, (event) => event.path === "result/callback");
    await receiver.waitFor(1, (event) => event.path === "events/call");
    for (const event of receiver.received) {
      expect(event.fields.vpbx_api_key).toBe(KAT.key);
      expect(event.fields.sign).toBe(expectedSign(KAT.key, event.fields.json ?? "", KAT.salt));
    }
    expect(result?.json).toEqual({ command_id: "cmd-1", result: 1000 });
  });

  it("forges the sign of events on the bad_signature fault", async () => {
    await emulator.control.addEventFault(account.id, { mode: "bad_signature", times: 1 });
    await emulator.control.placeCall(account.id, { caller: "79031234501" });
    const [event] = await receiver.waitFor(1);
    expect(event?.fields.sign).not.toBe(expectedSign(KAT.key, event?.fields.json ?? "", KAT.salt));
    const log = await emulator.control.listEvents(account.id);
    expect(log[0]).toMatchObject({ sign_valid: false, faults: ["bad_signature"] });
  });
});
