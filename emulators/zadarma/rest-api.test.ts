import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import { DEMO_ACCOUNT } from "./demo-seed";
import { callApi, startTestEmulator, type TestEmulator } from "./test-support";

let emulator: TestEmulator;
let account: AccountView;

beforeAll(async () => {
  emulator = await startTestEmulator({ seedDemo: true });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  account = await emulator.control.createAccount({
    numbers: ["74950000000"],
    extensions: [
      { number: "100", name: "Ольга" },
      { number: "101", name: "Марина", online: false },
    ],
    rate_limits: { general_per_minute: 1000, statistics_per_minute: 1000 },
  });
});

const api = (method: string, params: Record<string, string> = {}, options = {}) =>
  callApi(emulator.url, account, method, params, options);

describe("authorization", () => {
  it("accepts the demo account's documented credentials", async () => {
    const answer = await callApi(emulator.url, DEMO_ACCOUNT, "info/balance");
    expect(answer).toMatchObject({
      status: 200,
      body: { status: "success", balance: 1500, currency: "RUB" },
    });
  });

  it("answers 401 for a missing header, an unknown key or a wrong signature", async () => {
    const missing = await fetch(`${emulator.url}/v1/info/balance/?format=json`);
    const unknown = await callApi(
      emulator.url,
      { key: "nobody", secret: account.secret },
      "info/balance",
    );
    const wrong = await api("info/balance", {}, { signWith: "wrong-secret" });
    for (const answer of [{ status: missing.status, body: await missing.json() }, unknown, wrong]) {
      expect(answer).toMatchObject({
        status: 401,
        body: { status: "error", message: "Not authorized" },
      });
    }
  });

  it("verifies over the sorted parameters whatever order the query has", async () => {
    const signed = await api("pbx/internal/100/status", { b: "x y", a: "~!" });
    expect(signed.status).toBe(200);
  });

  it("logs requests with the signature redacted", async () => {
    await api("info/balance");
    const [entry] = await emulator.control.requests({ accountId: account.id });
    expect(entry).toMatchObject({
      method: "info/balance",
      status: 200,
      authorization: `${account.key}:***`,
    });
  });
});

describe("rate limits", () => {
  it("answers 429 with X-RateLimit-* and Retry-After past the per-minute budget", async () => {
    await emulator.control.patchAccount(account.id, { rate_limits: { general_per_minute: 2 } });
    const first = await api("info/balance");
    await api("info/balance");
    const third = await api("info/balance");
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    expect(third).toMatchObject({ status: 429, body: { status: "error" } });
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("gives statistics their own smaller budget (3/min by default)", async () => {
    await emulator.control.patchAccount(account.id, { rate_limits: { statistics_per_minute: 3 } });
    const statuses = [];
    for (let index = 0; index < 4; index++)
      statuses.push((await api("statistics/pbx", { version: "2" })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await api("info/balance")).status).toBe(200);
  });
});

describe("methods", () => {
  it("info/balance and info/timezone", async () => {
    await emulator.control.patchAccount(account.id, { balance: 12.5, currency: "USD" });
    expect((await api("info/balance")).body).toEqual({
      status: "success",
      balance: 12.5,
      currency: "USD",
    });
    await emulator.control.setClock({ now: "2024-05-06T07:11:12Z" });
    expect((await api("info/timezone")).body).toEqual({
      status: "success",
      unixtime: 1714979472,
      datetime: "2024-05-06 10:11:12",
      timezone: "UTC+3",
    });
  });

  it("pbx/internal, status and info", async () => {
    expect((await api("pbx/internal")).body).toEqual({
      status: "success",
      pbx_id: account.pbx_id,
      numbers: ["100", "101"],
    });
    expect((await api("pbx/internal/101/status")).body).toEqual({
      status: "success",
      pbx_id: account.pbx_id,
      number: 101,
      is_online: false,
    });
    expect((await api("pbx/internal/100/info")).body).toMatchObject({
      status: "success",
      number: 100,
      name: "Ольга",
      caller_id: "74950000000",
    });
    expect((await api("pbx/internal/999/status")).body).toMatchObject({ status: "error" });
  });

  it("request/callback starts the call and answers from, to and time", async () => {
    const answer = await api("request/callback", { from: "100", to: "+79990000000" });
    expect(answer.body).toMatchObject({ status: "success", from: "100", to: "79990000000" });
    expect(typeof answer.body.time).toBe("number");
    const [call] = await emulator.control.listCalls(account.id);
    expect(call).toMatchObject({
      direction: "out",
      extension: "100",
      destination: "79990000000",
      state: "ringing",
      client_leg: "idle",
    });
  });

  it("request/callback refuses with `no money` on an empty balance or the fault, and bad parameters", async () => {
    await emulator.control.addRestFault({
      mode: "no_money",
      match: { method: "request/callback" },
      times: 1,
    });
    expect((await api("request/callback", { from: "100", to: "79990000000" })).body).toEqual({
      status: "error",
      message: "no money",
    });
    await emulator.control.patchAccount(account.id, { balance: 0 });
    expect((await api("request/callback", { from: "100", to: "79990000000" })).body).toEqual({
      status: "error",
      message: "no money",
    });
    await emulator.control.patchAccount(account.id, { balance: 10 });
    expect((await api("request/callback", { from: "555", to: "79990000000" })).body).toMatchObject({
      status: "error",
    });
    expect((await api("request/callback", { from: "100", to: "abc" })).body).toMatchObject({
      status: "error",
    });
    expect(await emulator.control.listCalls(account.id)).toEqual([]);
  });

  it("pbx/callinfo/notifications switches events and pbx/callinfo reads them", async () => {
    const set = await api(
      "pbx/callinfo/notifications",
      { notify_internal: "false", notify_out_start: "false" },
      { httpMethod: "POST" },
    );
    expect(set.body).toMatchObject({
      status: "success",
      notifications: { notify_start: true, notify_internal: false, notify_out_start: false },
    });
    expect((await api("pbx/callinfo")).body).toMatchObject({
      url: "",
      notifications: { notify_internal: false, notify_end: true },
    });
    expect((await emulator.control.getAccount(account.id)).enabled_events).not.toContain(
      "NOTIFY_INTERNAL",
    );
  });

  it("an unknown method answers 404", async () => {
    expect((await api("no/such/method")).status).toBe(404);
  });
});

describe("statistics/pbx", () => {
  const at = (day: number, hour: number) =>
    `2024-05-${String(day).padStart(2, "0")} ${String(hour).padStart(2, "0")}:00:00`;

  beforeEach(async () => {
    for (const day of [1, 2, 3]) {
      await emulator.control.placeCall(account.id, {
        scenario: "incoming",
        caller: "79031234501",
        at: at(day, 10),
        talk_seconds: 42,
      });
      await emulator.control.placeCall(account.id, {
        scenario: "incoming",
        disposition: "failed",
        at: at(day, 11),
      });
      await emulator.control.placeCall(account.id, {
        scenario: "outgoing",
        destination: "79990000000",
        at: at(day, 12),
        talk_seconds: 7,
      });
    }
  });

  it("returns version 2 rows in the period, in time order, with `call failed`", async () => {
    const answer = await api("statistics/pbx", { start: at(1, 0), end: at(2, 23), version: "2" });
    expect(answer.body).toMatchObject({
      status: "success",
      start: at(1, 0),
      end: at(2, 23),
      version: 2,
    });
    const stats = answer.body.stats as Array<Record<string, unknown>>;
    expect(stats.map((row) => row.callstart)).toEqual([
      at(1, 10),
      at(1, 11),
      at(1, 12),
      at(2, 10),
      at(2, 11),
      at(2, 12),
    ]);
    expect(stats[0]).toMatchObject({
      sip: "100",
      clid: "79031234501",
      destination: "100",
      disposition: "answered",
      seconds: 42,
      is_recorded: true,
    });
    expect(stats[0]?.pbx_call_id).toMatch(/^in_[0-9a-f]{32}$/);
    expect(stats[0]?.call_id).toMatch(/^\d+\.\d+$/);
    expect(stats[1]).toMatchObject({ disposition: "call failed", seconds: 0, is_recorded: false });
    expect(stats[2]).toMatchObject({
      sip: "100",
      clid: "74950000000",
      destination: "79990000000",
      seconds: 7,
    });
    expect(stats[2]?.pbx_call_id).toMatch(/^out_/);
  });

  it("pages with skip/limit and filters call_type", async () => {
    const page = await api("statistics/pbx", {
      start: at(1, 0),
      end: at(3, 23),
      skip: "2",
      limit: "3",
    });
    expect((page.body.stats as Array<{ callstart: string }>).map((row) => row.callstart)).toEqual([
      at(1, 12),
      at(2, 10),
      at(2, 11),
    ]);
    const outgoing = await api("statistics/pbx", {
      start: at(1, 0),
      end: at(3, 23),
      call_type: "out",
    });
    expect((outgoing.body.stats as unknown[]).length).toBe(3);
  });

  it("refuses more than a month, limit over 1000, a bad date or call_type", async () => {
    const cases: Array<Record<string, string>> = [
      { start: "2024-05-01 00:00:00", end: "2024-06-01 00:00:01" },
      { start: at(1, 0), end: at(2, 0), limit: "1001" },
      { start: "2024-05-01", end: at(2, 0) },
      { start: at(1, 0), end: at(2, 0), call_type: "both" },
      { start: at(2, 0), end: at(1, 0) },
    ];
    for (const params of cases) {
      expect((await api("statistics/pbx", params)).body).toMatchObject({ status: "error" });
    }
    expect(
      (await api("statistics/pbx", { start: "2024-05-01 00:00:00", end: "2024-06-01 00:00:00" }))
        .body.status,
    ).toBe("success");
  });
});

describe("REST faults", () => {
  it("http_error, rate_limit and malformed_json, matched by method", async () => {
    await emulator.control.addRestFault({
      mode: "http_error",
      status: 503,
      match: { method: "/v1/info/balance/" },
      times: 1,
    });
    await emulator.control.addRestFault({
      mode: "rate_limit",
      retry_after: 7,
      times: 1,
      match: { method: "info/balance" },
    });
    await emulator.control.addRestFault({
      mode: "malformed_json",
      times: 1,
      match: { method: "info/balance" },
    });
    const error = await api("info/balance");
    const limited = await api("info/balance");
    const malformed = await api("info/balance");
    expect(error.status).toBe(503);
    expect(error.headers.get("content-type")).toContain("text/html");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text) as unknown).toThrow();
    expect((await api("info/balance")).body.status).toBe("success");
    expect((await api("pbx/internal")).status).toBe(200);
  });

  it("latency delays and hang never answers", async () => {
    await emulator.control.addRestFault({ mode: "latency", ms: 150, times: 1 });
    const startedAt = performance.now();
    expect((await api("info/balance")).status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);

    await emulator.control.addRestFault({ mode: "hang", times: 1 });
    const hung = fetch(`${emulator.url}/v1/info/balance/?format=json`, {
      signal: AbortSignal.timeout(300),
    });
    await expect(hung).rejects.toThrow();
  });

  it("faults can be scoped to one account", async () => {
    const other = await emulator.control.createAccount();
    await emulator.control.addRestFault({ mode: "http_error", match: { account_id: other.id } });
    expect((await api("info/balance")).status).toBe(200);
    expect((await callApi(emulator.url, other, "info/balance")).status).toBe(500);
  });
});
