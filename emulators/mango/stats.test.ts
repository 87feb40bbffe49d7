import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import type { CallView } from "./call-view";
import { callApi, startTestEmulator, type TestEmulator } from "./test-support";

let emulator: TestEmulator;
let account: AccountView;
let answered: CallView;
let missed: CallView;

const T0 = Date.parse("2026-03-02T10:00:00Z") / 1000;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  await emulator.control.setClock({ now: "2026-03-05T12:00:00Z" });
  account = await emulator.control.createAccount({
    numbers: ["74996470001", "74996470002"],
    users: [{ extension: "100" }, { extension: "101" }],
    timings: { stats_ready_ms: 3000 },
  });
  answered = await emulator.control.placeCall(account.id, {
    caller: "79031234501",
    did: "74996470002",
    script: { at: T0, answered_by: "101", ring_seconds: 5, talk_seconds: 60 },
  });
  missed = await emulator.control.placeCall(account.id, {
    caller: "79031234502",
    script: { at: T0 + 3600, outcome: "no_answer", ring_seconds: 20 },
  });
  // Outside the period asked below.
  await emulator.control.placeCall(account.id, {
    caller: "79031234503",
    script: { at: T0 - 86_400 },
  });
});

const request = (json: Record<string, unknown>) =>
  callApi(emulator.url, account, "stats/request", json);
const result = (key: string) => callApi(emulator.url, account, "stats/result", { key });

describe("stats/request and stats/result", () => {
  it("answers a key, 204 until ready, then the calls of the period as ;-separated rows", async () => {
    const asked = await request({
      date_from: T0,
      date_to: String(T0 + 86_400),
      fields: "entry_id, start, finish, answer, from_number, to_extension, to_number, records",
    });
    expect(asked.status).toBe(200);
    const key = String(asked.body.key);
    expect(key).toMatch(/^[0-9a-f]{32}$/);

    const early = await result(key);
    expect(early.status).toBe(204);
    expect(early.text).toBe("");

    await emulator.control.setClock({ advance_ms: 3000 });
    const ready = await result(key);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = ready.text.split("\r\n").map((line) => line.split(";"));
    const recordingId = answered.recording?.recording_id ?? "";
    expect(rows).toEqual([
      [
        answered.entry_id,
        String(T0),
        String(T0 + 65),
        String(T0 + 5),
        "79031234501",
        "101",
        "74996470002",
        `[${recordingId}]`,
      ],
      [
        missed.entry_id,
        String(T0 + 3600),
        String(T0 + 3620),
        "0",
        "79031234502",
        "",
        "74996470001",
        "",
      ],
    ]);
  });

  it("all the documented fields when none are asked", async () => {
    const key = String((await request({ date_from: T0, date_to: T0 + 60 })).body.key);
    await emulator.control.setClock({ advance_ms: 3000 });
    const [row] = (await result(key)).text.split("\r\n");
    expect(row?.split(";")).toHaveLength(13);
    expect(row?.split(";").at(-1)).toBe(answered.entry_id);
  });

  it("filters by call party", async () => {
    const key = String(
      (
        await request({
          date_from: T0,
          date_to: T0 + 86_400,
          fields: "entry_id",
          call_party: { number: "79031234502" },
        })
      ).body.key,
    );
    await emulator.control.setClock({ advance_ms: 3000 });
    expect((await result(key)).text).toBe(missed.entry_id);
  });

  it("refuses a period over a month, an unknown field and an unknown key (3xxx)", async () => {
    expect((await request({ date_from: T0, date_to: T0 + 32 * 86_400 })).body).toMatchObject({
      result: 3100,
    });
    await emulator.control.clearLockout();
    expect(
      (await request({ date_from: T0, date_to: T0 + 60, fields: "entry_id,color" })).body,
    ).toMatchObject({ result: 3100 });
    await emulator.control.clearLockout();
    expect((await request({ date_to: T0 })).body).toMatchObject({ result: 3103 });
    await emulator.control.clearLockout();
    expect((await result("0123")).body).toMatchObject({ result: 3340 });
  });
});
