import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import {
  getJson,
  postForm,
  restUrl,
  seedSmallAccount,
  startTestEmulator,
  type TestEmulator,
} from "./test-support";

let emulator: TestEmulator;
let account: AccountView;
let usersUrl: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  ({ account } = await seedSmallAccount(emulator.control));
  usersUrl = restUrl(emulator.url, account, "list", "/m/Users/");
});

describe("fault injection", () => {
  it("http_error answers the status with an HTML or empty body, `times` bounded", async () => {
    await emulator.control.addFault({ mode: "http_error", status: 503, times: 1 });
    await emulator.control.addFault({ mode: "http_error", status: 502, body: "empty", times: 1 });

    const html = await fetch(usersUrl);
    const empty = await fetch(usersUrl);
    const healthy = await fetch(usersUrl);

    expect(html.status).toBe(503);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toContain("503");
    expect(empty.status).toBe(502);
    expect(await empty.text()).toBe("");
    expect(healthy.status).toBe(200);
  });

  it("rate_limit answers 429 with Retry-After, or without it when retry_after is null", async () => {
    await emulator.control.addFault({ mode: "rate_limit", retry_after: 7, times: 1 });
    await emulator.control.addFault({ mode: "rate_limit", retry_after: null, times: 1 });

    const withHeader = await getJson(usersUrl);
    const withoutHeader = await getJson(usersUrl);

    expect(withHeader).toMatchObject({ status: 429, body: { error: "Too many requests" } });
    expect(withHeader.headers.get("retry-after")).toBe("7");
    expect(withoutHeader.status).toBe(429);
    expect(withoutHeader.headers.get("retry-after")).toBeNull();
  });

  it("malformed_json answers 200 with a body that does not parse", async () => {
    await emulator.control.addFault({ mode: "malformed_json", times: 1 });
    const response = await fetch(usersUrl);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('no_data empties lists and single objects, as "No data" or []', async () => {
    await emulator.control.addFault({ mode: "no_data", match: { model: "Users" }, times: 1 });
    await emulator.control.addFault({
      mode: "no_data",
      as: "empty_array",
      match: { action: "getAppointment" },
      times: 1,
    });

    const list = await getJson(usersUrl);
    const single = await getJson(restUrl(emulator.url, account, "getAppointment", "/id/1/"));

    expect(list.body).toMatchObject({ items: "No data", count: 0 });
    expect(single.body).toEqual({ items: [] });
  });

  it("auth_error answers 401, or 200 with the error body", async () => {
    await emulator.control.addFault({ mode: "auth_error", times: 1 });
    await emulator.control.addFault({ mode: "auth_error", as: "body", times: 1 });

    expect(await getJson(usersUrl)).toMatchObject({
      status: 401,
      body: { error: "Access denied" },
    });
    expect(await getJson(usersUrl)).toMatchObject({
      status: 200,
      body: { error: "Access denied" },
    });
  });

  it("latency delays the normal answer", async () => {
    await emulator.control.addFault({ mode: "latency", ms: 150, times: 1 });
    const startedAt = performance.now();
    const { status } = await getJson(usersUrl);
    expect(status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
  });

  it("matches on action, model, HTTP method and account", async () => {
    await emulator.control.addFault({
      mode: "http_error",
      match: {
        action: "list",
        model: "clients",
        http_method: "get",
        account_id: account.account_id,
      },
    });
    const other = await seedSmallAccount(emulator.control);

    expect((await fetch(restUrl(emulator.url, account, "list", "/m/Clients/"))).status).toBe(500);
    expect((await fetch(usersUrl)).status).toBe(200);
    expect((await fetch(restUrl(emulator.url, other.account, "list", "/m/Clients/"))).status).toBe(
      200,
    );
  });

  it("status_true_with_errors answers a truthy status with errors and creates nothing", async () => {
    await emulator.control.addFault({ mode: "status_true_with_errors", times: 1 });
    const { body } = await postForm(restUrl(emulator.url, account, "add", "/m/Clients/"), {
      first_name: "Ольга",
      phone: "79165554433",
    });
    const lookup = await getJson(
      restUrl(emulator.url, account, "list", "/m/getClientByPhone/phone/79165554433/"),
    );

    expect(body).toMatchObject({ status: true, errors: { general: [expect.any(String)] } });
    expect(body).not.toHaveProperty("object");
    expect(lookup.body).toEqual({ items: "No data" });
  });

  it("unknown_status reports the given status on appointments", async () => {
    const { account: seeded, executor, service, client } = await seedSmallAccount(emulator.control);
    const created = await emulator.control.createAppointment(seeded.account_id, {
      client_id: client.id,
      executor_id: executor.id,
      start: "2025-03-10 12:00",
      services: [{ service_id: service.id }],
    });
    await emulator.control.addFault({ mode: "unknown_status", value: "arrived", times: 1 });
    const { body } = await getJson(
      restUrl(emulator.url, seeded, "getAppointment", `/id/${created.id}/`),
    );
    expect(body).toMatchObject({
      items: { status: "arrived", appointment_client_links: [{ status: "arrived" }] },
    });
  });

  it("hang never answers and drop_connection cuts the body", async () => {
    await emulator.control.addFault({ mode: "hang", times: 1 });
    await emulator.control.addFault({ mode: "drop_connection", times: 1 });

    await expect(fetch(usersUrl, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await expect(fetch(usersUrl).then((response) => response.text())).rejects.toThrow();
  });

  it("draws `probability` from the seed given to reset, so a run replays exactly", async () => {
    const outcomes = async (): Promise<number[]> => {
      await emulator.control.reset({ seed: 42 });
      ({ account } = await seedSmallAccount(emulator.control));
      await emulator.control.addFault({ mode: "http_error", probability: 0.5 });
      const statuses: number[] = [];
      for (let index = 0; index < 12; index++) {
        statuses.push((await fetch(restUrl(emulator.url, account, "list", "/m/Users/"))).status);
      }
      return statuses;
    };
    const first = await outcomes();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await outcomes()).toEqual(first);
  });

  it("lists and clears faults, and logs requests with the token redacted", async () => {
    await emulator.control.addFault({ mode: "latency", ms: 1, times: 2 });
    await fetch(usersUrl);
    expect(await emulator.control.listFaults()).toMatchObject([
      { mode: "latency", fired: 1, times: 2 },
    ]);
    await emulator.control.clearFaults();
    expect(await emulator.control.listFaults()).toEqual([]);

    const log = await emulator.control.requests({ accountId: account.account_id });
    expect(log).toMatchObject([
      { method: "GET", status: 200, faults: ["latency"], completed: true },
    ]);
    expect(log[0]?.path).toContain("/t/***/");
    expect(JSON.stringify(log)).not.toContain(account.access_token);
  });
});
