import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { DEMO_ACCOUNT } from "./demo-seed";
import { callApi, startTestEmulator, type TestEmulator } from "./test-support";

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ seedDemo: true });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  await emulator.control.setClock({ now: "2026-03-02T10:00:00Z" });
});

const users = (json: Record<string, unknown> = {}) =>
  callApi(emulator.url, DEMO_ACCOUNT, "config/users/request", json);

describe("config/users/request", () => {
  it("lists the demo account's users with their extensions", async () => {
    const answer = await users();
    expect(answer.status).toBe(200);
    const list = answer.body.users as Array<Record<string, Record<string, unknown>>>;
    expect(list.map((user) => [user.telephony?.extension, user.general?.name])).toEqual([
      ["100", "Смирнова Ольга"],
      ["101", "Кузнецова Марина"],
      ["102", "Иванов Дмитрий"],
    ]);
    expect(list[0]).toEqual({
      general: {
        name: "Смирнова Ольга",
        email: "",
        department: "Салон",
        position: "Администратор",
        user_id: expect.any(Number),
      },
      telephony: {
        extension: "100",
        outgoingline: "74996470001",
        numbers: [
          {
            number: "sip:100@demo.mangosip.ru",
            protocol: "sip",
            order: 0,
            wait_sec: 20,
            status: "on",
          },
        ],
      },
      groups: [],
    });
  });

  it("one extension's user, and at most one request per 2 s (503, 5008)", async () => {
    const one = await users({ extension: "101" });
    expect((one.body.users as unknown[]).length).toBe(1);
    const again = await users();
    expect(again).toMatchObject({ status: 503, body: { result: 5008 } });
    await emulator.control.setClock({ advance_ms: 1999 });
    expect((await users()).status).toBe(503);
    await emulator.control.setClock({ advance_ms: 1 });
    expect((await users()).status).toBe(200);
  });

  it("the demo account is seeded with its documented credentials and numbers", async () => {
    expect(await emulator.control.getAccount("demo")).toMatchObject({
      key: DEMO_ACCOUNT.key,
      salt: DEMO_ACCOUNT.salt,
      numbers: ["74996470001", "74996470002"],
      events_url: null,
    });
  });
});
