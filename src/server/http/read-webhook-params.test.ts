import { describe, expect, it } from "vitest";

import {
  MAX_BODY_BYTES,
  MAX_QUERY_BYTES,
  readWebhookParams,
  selectRecordedHeaders,
} from "@/server/http/read-webhook-params";

const BASE = "http://localhost/api/webhooks/klientiks/token";

describe("readWebhookParams", () => {
  it("reads the query string of a GET", async () => {
    expect(
      await readWebhookParams(new Request(`${BASE}?appointment_id=42&status=scheduled&extra=1`)),
    ).toEqual({ ok: true, params: { appointment_id: "42", status: "scheduled", extra: "1" } });
  });

  it("reads form and JSON bodies of a POST, the query string winning", async () => {
    const form = new Request(`${BASE}?status=confirmed`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "appointment_id=7&status=scheduled",
    });
    expect(await readWebhookParams(form)).toEqual({
      ok: true,
      params: { status: "confirmed", appointment_id: "7" },
    });
    const json = new Request(BASE, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ appointment_id: 8, nested: { no: 1 } }),
    });
    expect(await readWebhookParams(json)).toEqual({ ok: true, params: { appointment_id: "8" } });
  });

  it("tolerates a malformed JSON body as empty", async () => {
    const request = new Request(`${BASE}?appointment_id=9`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(await readWebhookParams(request)).toEqual({ ok: true, params: { appointment_id: "9" } });
  });

  it("refuses oversized queries and bodies with 413 and the field", async () => {
    expect(
      await readWebhookParams(new Request(`${BASE}?x=${"a".repeat(MAX_QUERY_BYTES)}`)),
    ).toMatchObject({ ok: false, status: 413, field: "query" });
    const big = new Request(BASE, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `a=${"b".repeat(MAX_BODY_BYTES)}`,
    });
    expect(await readWebhookParams(big)).toMatchObject({ ok: false, status: 413, field: "body" });
  });

  it("cleans names and values for storage and keeps names an object would hide", async () => {
    const query = await readWebhookParams(
      new Request(`${BASE}?appointment_id=1&status=%00ok&na%00me=x&constructor=1`),
    );
    expect(query).toEqual({
      ok: true,
      params: { appointment_id: "1", status: "ok", name: "x", constructor: "1" },
    });
    const json = new Request(BASE, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"appointment_id": 2, "status": "a\\ud800b\\u0000"}',
    });
    expect(await readWebhookParams(json)).toEqual({
      ok: true,
      params: { appointment_id: "2", status: "ab" },
    });
  });

  it("stops reading a chunked body past the cap", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          pulled += 1024;
          controller.enqueue(new Uint8Array(1024));
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request(BASE, { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await readWebhookParams(request)).toMatchObject({
      ok: false,
      status: 413,
      field: "body",
    });
    expect(pulled).toBeLessThanOrEqual(MAX_BODY_BYTES + 1024);
  });

  it("records only harmless headers", () => {
    const headers = new Headers({
      "user-agent": "Klientiks",
      cookie: "secret=1",
      authorization: "Bearer x",
    });
    expect(selectRecordedHeaders(headers)).toEqual({ "user-agent": "Klientiks" });
    expect(
      selectRecordedHeaders(new Headers({ "user-agent": "x".repeat(300) }))["user-agent"],
    ).toHaveLength(256);
  });
});
