import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createAccount } from "./accounts";
import { pickAutopilotCall } from "./autopilot";
import { createRandom } from "./random";
import { startReceiver, startTestEmulator, type Receiver, type TestEmulator } from "./test-support";

describe("autopilot mix", () => {
  it("draws about 60 % answered, 20 % missed, 10 % busy, 10 % outgoing, with known callers when given", () => {
    const account = createAccount(new Map(), 1, {
      numbers: ["74950000000"],
      extensions: [{ number: "100" }, { number: "101" }],
    });
    const random = createRandom(3);
    const counts = { answered: 0, missed: 0, busy: 0, outgoing: 0, known: 0 };
    for (let index = 0; index < 2000; index++) {
      const spec = pickAutopilotCall(account, random, ["79031234501"]);
      if (!spec) throw new Error("no call drawn");
      if (spec.scenario === "outgoing") counts.outgoing++;
      else if (spec.disposition === "answered") counts.answered++;
      else if (spec.disposition === "busy") counts.busy++;
      else counts.missed++;
      if ((spec.caller ?? spec.destination) === "79031234501") counts.known++;
      expect(spec.live).toBe(true);
    }
    expect(counts.answered / 2000).toBeCloseTo(0.6, 1);
    expect(counts.missed / 2000).toBeCloseTo(0.2, 1);
    expect(counts.busy / 2000).toBeCloseTo(0.1, 1);
    expect(counts.outgoing / 2000).toBeCloseTo(0.1, 1);
    expect(counts.known / 2000).toBeGreaterThan(0.4);
  });

  it("places nothing on an account without online extensions", () => {
    const account = createAccount(new Map(), 1, {
      numbers: ["74950000000"],
      extensions: [{ number: "100", online: false }],
    });
    expect(pickAutopilotCall(account, createRandom(1), [])).toBeNull();
  });
});

describe("autopilot timer", () => {
  let emulator: TestEmulator;
  let receiver: Receiver;
  const klientiks = createServer((request, response) => {
    expect(request.url).toContain("/clientix/Restapi/list/a/5a7c1e9b3d20/");
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ items: [{ phone: "79031234501" }, { phone: "79031234502" }] }));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => klientiks.listen(0, "127.0.0.1", resolve));
    emulator = await startTestEmulator({
      autopilot: { intervalMs: 40 },
      klientiksUrl: `http://127.0.0.1:${(klientiks.address() as AddressInfo).port}`,
    });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await emulator.close();
    await receiver.close();
    klientiks.closeAllConnections();
    await new Promise((resolve) => klientiks.close(resolve));
  });

  it("places live calls on accounts with a notification URL, callers from the Klientiks demo salon among them", async () => {
    const silent = await emulator.control.createAccount({
      numbers: ["74950000001"],
      extensions: [{ number: "100" }],
    });
    const account = await emulator.control.createAccount({
      numbers: ["74950000000"],
      extensions: [{ number: "100" }],
      notification_url: receiver.url,
    });
    const deadline = Date.now() + 3000;
    let calls = await emulator.control.listCalls(account.id);
    while (calls.length < 8 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      calls = await emulator.control.listCalls(account.id);
    }
    await emulator.control.setAutopilot({ enabled: false });
    expect(calls.length).toBeGreaterThanOrEqual(8);
    expect(calls.every((call) => call.origin === "autopilot" && call.live)).toBe(true);
    expect(
      calls.some((call) =>
        ["79031234501", "79031234502"].includes(
          call.direction === "in" ? call.caller : call.destination,
        ),
      ),
    ).toBe(true);
    expect(await emulator.control.listCalls(silent.id)).toEqual([]);
    expect(await emulator.control.getAutopilot()).toEqual({
      enabled: false,
      interval_seconds: 0.04,
    });
  });
});
