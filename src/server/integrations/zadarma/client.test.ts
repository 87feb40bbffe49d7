import { describe, expect, it } from "vitest";

import {
  createFakeFetch,
  jsonResponse,
  textResponse,
  type TFakeFetchCall,
} from "../__fixtures__/fake-fetch";
import { readZadarmaFixture } from "./__fixtures__/load-fixture";
import { UNLIMITED_THROTTLE } from "./__fixtures__/unlimited-throttle";
import { createZadarmaClient } from "./client";
import { ZadarmaError } from "./errors";

const CREDENTIALS = { key: "user-key-1", secret: "zadarma-test-secret-0123456789" };

const clientAnswering = (handler: (call: TFakeFetchCall) => Response) => {
  const fake = createFakeFetch((call) => handler(call));
  const client = createZadarmaClient({
    baseUrl: "https://api.zadarma.test",
    fetch: fake.fetch,
    throttle: UNLIMITED_THROTTLE,
  });
  return { client, calls: fake.calls };
};

/** The query of a call as a plain object. */
const queryOf = (call: TFakeFetchCall | undefined): Record<string, string> =>
  Object.fromEntries(new URL(call?.url ?? "http://x").searchParams);
const pathOf = (call: TFakeFetchCall | undefined): string =>
  new URL(call?.url ?? "http://x").pathname;

const rejection = async (promise: Promise<unknown>): Promise<ZadarmaError> => {
  const error = await promise.catch((caught: unknown) => caught);
  if (!(error instanceof ZadarmaError))
    throw new Error(`expected a ZadarmaError, got ${String(error)}`);
  return error;
};

describe("createZadarmaClient", () => {
  it("refuses a base URL with a path, query or another scheme", () => {
    for (const baseUrl of [
      "https://api.zadarma.com/api",
      "https://api.zadarma.com?x=1",
      "ftp://api.zadarma.com",
      "not a url",
    ]) {
      expect(() => createZadarmaClient({ baseUrl })).toThrow(TypeError);
    }
    expect(() => createZadarmaClient({ baseUrl: "https://api.zadarma.com/" })).not.toThrow();
  });

  it("getBalance reads balance and currency from info/balance", async () => {
    const { client, calls } = clientAnswering(() =>
      jsonResponse({ status: "success", balance: 10.34, currency: "USD" }),
    );
    await expect(client.getBalance(CREDENTIALS)).resolves.toEqual({
      balance: 10.34,
      currency: "USD",
    });
    expect(pathOf(calls[0])).toBe("/v1/info/balance/");
    expect(queryOf(calls[0])).toEqual({ format: "json" });
  });

  it("getBalance refuses an answer without a balance", async () => {
    const { client } = clientAnswering(() => jsonResponse({ status: "success" }));
    expect(await rejection(client.getBalance(CREDENTIALS))).toMatchObject({
      code: "bad_response",
      isRetriable: false,
    });
  });

  it("getTimezone turns UTC+3 into an IANA zone and keeps an IANA answer", async () => {
    const answer = {
      status: "success",
      unixtime: 1714982400,
      datetime: "2024-05-06 11:00:00",
      timezone: "UTC+3",
    };
    const offset = clientAnswering(() => jsonResponse(answer));
    await expect(offset.client.getTimezone(CREDENTIALS)).resolves.toEqual({
      timeZone: "Etc/GMT-3",
    });
    expect(pathOf(offset.calls[0])).toBe("/v1/info/timezone/");
    const named = clientAnswering(() =>
      jsonResponse({ status: "success", timezone: "Europe/Moscow" }),
    );
    await expect(named.client.getTimezone(CREDENTIALS)).resolves.toEqual({
      timeZone: "Europe/Moscow",
    });
    const unreadable = clientAnswering(() =>
      jsonResponse({ status: "success", timezone: "Moscow" }),
    );
    expect(await rejection(unreadable.client.getTimezone(CREDENTIALS))).toMatchObject({
      code: "bad_response",
    });
  });

  it("listExtensions reads pbx_id and numbers as text", async () => {
    const { client, calls } = clientAnswering(() =>
      jsonResponse({ status: "success", pbx_id: 1234, numbers: [100, "101", 102] }),
    );
    await expect(client.listExtensions(CREDENTIALS)).resolves.toEqual({
      pbxId: "1234",
      extensions: ["100", "101", "102"],
    });
    expect(pathOf(calls[0])).toBe("/v1/pbx/internal/");
  });

  it("getExtensionInfo reads the display name, null when empty", async () => {
    const named = clientAnswering(() =>
      jsonResponse({ status: "success", pbx_id: 1234, number: 101, name: "Анна, ресепшн" }),
    );
    await expect(named.client.getExtensionInfo(CREDENTIALS, "101")).resolves.toEqual({
      extension: "101",
      name: "Анна, ресепшн",
    });
    expect(pathOf(named.calls[0])).toBe("/v1/pbx/internal/101/info/");
    const unnamed = clientAnswering(() =>
      jsonResponse({ status: "success", number: 102, name: "" }),
    );
    await expect(unnamed.client.getExtensionInfo(CREDENTIALS, "102")).resolves.toEqual({
      extension: "102",
      name: null,
    });
  });

  it("getExtensionStatus reads is_online; a non-numeric extension is refused before sending", async () => {
    const { client, calls } = clientAnswering(() =>
      jsonResponse({ status: "success", pbx_id: 1234, number: 101, is_online: "true" }),
    );
    await expect(client.getExtensionStatus(CREDENTIALS, "101")).resolves.toEqual({
      isOnline: true,
    });
    expect(pathOf(calls[0])).toBe("/v1/pbx/internal/101/status/");
    expect(await rejection(client.getExtensionStatus(CREDENTIALS, "../info"))).toMatchObject({
      code: "invalid_request",
    });
    expect(calls).toHaveLength(1);
  });

  it("requestCallback sends from and to as digits, without predicted, and reads time", async () => {
    const { client, calls } = clientAnswering(() =>
      jsonResponse({ status: "success", from: 101, to: 79031234501, time: 1714982400 }),
    );
    await expect(
      client.requestCallback(CREDENTIALS, { from: "101", to: "+7 903 123-45-01" }),
    ).resolves.toEqual({
      startedAt: new Date(1714982400 * 1000),
    });
    expect(pathOf(calls[0])).toBe("/v1/request/callback/");
    expect(queryOf(calls[0])).toEqual({ format: "json", from: "101", to: "79031234501" });
  });

  it("requestCallback maps `no money` and refuses a number without digits", async () => {
    const { client, calls } = clientAnswering(() =>
      jsonResponse({ status: "error", message: "no money" }),
    );
    expect(
      await rejection(client.requestCallback(CREDENTIALS, { from: "101", to: "79031234501" })),
    ).toMatchObject({ code: "no_money" });
    const noDigits = client.requestCallback(CREDENTIALS, { from: "101", to: "anonymous" });
    expect(await rejection(noDigits)).toMatchObject({ code: "invalid_request" });
    expect(calls).toHaveLength(1);
  });

  it("requestRecordingLink by recording id: call_id, lifetime 180 by default, one link", async () => {
    const { client, calls } = clientAnswering(() =>
      jsonResponse({
        status: "success",
        link: "https://api.zadarma.com/v1/pbx/record/download/a/b.mp3",
        lifetime_till: "2024-05-06 10:14:12",
      }),
    );
    await expect(
      client.requestRecordingLink(CREDENTIALS, { recordingRef: "1715000000.123456" }),
    ).resolves.toEqual({
      links: ["https://api.zadarma.com/v1/pbx/record/download/a/b.mp3"],
      expiresAt: "2024-05-06 10:14:12",
    });
    expect(pathOf(calls[0])).toBe("/v1/pbx/record/request/");
    expect(queryOf(calls[0])).toEqual({
      format: "json",
      call_id: "1715000000.123456",
      lifetime: "180",
    });
  });

  it("requestRecordingLink by call: pbx_call_id, every link, lifetime clamped", async () => {
    const { client, calls } = clientAnswering(() =>
      jsonResponse({ status: "success", links: ["https://x/1.mp3", "https://x/2.mp3"] }),
    );
    await expect(
      client.requestRecordingLink(CREDENTIALS, { pbxCallId: "in_1", lifetimeSeconds: 10 }),
    ).resolves.toEqual({
      links: ["https://x/1.mp3", "https://x/2.mp3"],
      expiresAt: null,
    });
    expect(queryOf(calls[0])).toEqual({ format: "json", pbx_call_id: "in_1", lifetime: "180" });
    await client.requestRecordingLink(CREDENTIALS, {
      pbxCallId: "in_1",
      lifetimeSeconds: 10_000_000,
    });
    expect(queryOf(calls[1]).lifetime).toBe("5184000");
  });

  it("requestRecordingLink needs an id and an answer with a link", async () => {
    const { client, calls } = clientAnswering(() => jsonResponse({ status: "success" }));
    expect(await rejection(client.requestRecordingLink(CREDENTIALS, {}))).toMatchObject({
      code: "invalid_request",
    });
    expect(calls).toHaveLength(0);
    expect(
      await rejection(client.requestRecordingLink(CREDENTIALS, { recordingRef: "1" })),
    ).toMatchObject({ code: "bad_response" });
  });

  it("getPbxStatistics sends local times, version 2, skip and limit, and keeps call ids exactly", async () => {
    const fixture = readZadarmaFixture("statistics-pbx.json");
    const { client, calls } = clientAnswering(() =>
      textResponse(fixture, { headers: { "Content-Type": "application/json" } }),
    );
    const result = await client.getPbxStatistics(CREDENTIALS, {
      start: new Date("2024-05-05T21:00:00Z"),
      end: new Date("2024-05-06T20:59:59Z"),
      timeZone: "Europe/Moscow",
      callType: "in",
    });
    expect(pathOf(calls[0])).toBe("/v1/statistics/pbx/");
    expect(queryOf(calls[0])).toEqual({
      format: "json",
      start: "2024-05-06 00:00:00",
      end: "2024-05-06 23:59:59",
      version: "2",
      skip: "0",
      limit: "1000",
      call_type: "in",
    });
    expect(result.rows.map((row) => row.callId)).toEqual([
      "1715000000.1234567",
      "1715003605.6543210",
    ]);
    expect(result.rows[0]).toMatchObject({
      pbxCallId: "in_5f0c1b7e9d2a4c6b8e1f3a5d7c9b0e2f4a6c8d1e",
      sip: "101",
      clid: "79031234501",
      isRecorded: true,
    });
    expect(result.invalidRows).toEqual([{ index: 2, field: "callstart" }]);
  });

  it("getPbxStatistics formats the window on the account's clock across DST", async () => {
    const { client, calls } = clientAnswering(() => jsonResponse({ status: "success", stats: [] }));
    const [start, end] = [new Date("2024-03-30T23:00:00Z"), new Date("2024-03-31T21:59:59Z")];
    await client.getPbxStatistics(CREDENTIALS, { start, end, timeZone: "Europe/Berlin" });
    expect(queryOf(calls[0])).toMatchObject({
      start: "2024-03-31 00:00:00",
      end: "2024-03-31 23:59:59",
    });
  });

  it("getPbxStatistics refuses, without sending, a window over 30 days, a reversed one, a bad limit or zone", async () => {
    const { client, calls } = clientAnswering(() => jsonResponse({ status: "success", stats: [] }));
    const start = new Date("2024-05-01T00:00:00Z");
    const cases = [
      { start, end: new Date("2024-05-31T00:00:01Z"), timeZone: "UTC" },
      { start, end: new Date("2024-04-30T00:00:00Z"), timeZone: "UTC" },
      { start, end: start, timeZone: "UTC", limit: 1001 },
      { start, end: start, timeZone: "UTC", limit: 0 },
      { start, end: start, timeZone: "UTC", skip: -1 },
      { start, end: start, timeZone: "Mars/Olympus" },
    ];
    for (const query of cases) {
      expect(await rejection(client.getPbxStatistics(CREDENTIALS, query))).toMatchObject({
        code: "invalid_request",
      });
    }
    expect(calls).toHaveLength(0);
    await client.getPbxStatistics(CREDENTIALS, {
      start,
      end: new Date("2024-05-31T00:00:00Z"),
      timeZone: "UTC",
    });
    expect(calls).toHaveLength(1);
  });

  it("setNotificationUrl posts the URL to pbx/callinfo/url", async () => {
    const { client, calls } = clientAnswering(() =>
      jsonResponse({ status: "success", url: "https://app.test/hook" }),
    );
    await client.setNotificationUrl(CREDENTIALS, "https://app.test/hook");
    expect(calls[0]).toMatchObject({
      method: "POST",
      url: "https://api.zadarma.test/v1/pbx/callinfo/url/",
      body: "format=json&url=https%3A%2F%2Fapp.test%2Fhook",
    });
  });

  it("setNotificationEvents posts true/false switches to pbx/callinfo/notifications", async () => {
    const { client, calls } = clientAnswering(() =>
      jsonResponse({ status: "success", notifications: {} }),
    );
    await client.setNotificationEvents(CREDENTIALS, {
      notify_start: true,
      notify_internal: true,
      notify_out_start: false,
    });
    expect(calls[0]).toMatchObject({
      method: "POST",
      url: "https://api.zadarma.test/v1/pbx/callinfo/notifications/",
      body: "format=json&notify_internal=true&notify_out_start=false&notify_start=true",
    });
    expect(await rejection(client.setNotificationEvents(CREDENTIALS, {}))).toMatchObject({
      code: "invalid_request",
    });
  });
});
