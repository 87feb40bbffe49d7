import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import type { CallView } from "./call-view";
import { callApi, startTestEmulator, type TestEmulator } from "./test-support";

let emulator: TestEmulator;
let account: AccountView;
let call: CallView;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  account = await emulator.control.createAccount({
    numbers: ["74950000000"],
    extensions: [{ number: "100" }],
    timings: { record_delay_ms: 0 },
  });
  call = await emulator.control.placeCall(account.id, {
    scenario: "incoming",
    talk_seconds: 20,
    at: "2024-05-06 10:00:00",
  });
});

const requestLink = async (params: Record<string, string>): Promise<string> => {
  const answer = await callApi(emulator.url, account, "pbx/record/request", params);
  expect(answer.body.status).toBe("success");
  return String(answer.body.link ?? (answer.body.links as string[])[0]);
};

describe("pbx/record/request", () => {
  it("by call_id answers link and lifetime_till on the account's clock", async () => {
    await emulator.control.setClock({ now: "2024-05-06T07:30:00Z" });
    const answer = await callApi(emulator.url, account, "pbx/record/request", {
      call_id: call.call_id,
      lifetime: "180",
    });
    expect(answer.body).toEqual({
      status: "success",
      link: expect.stringMatching(
        new RegExp(
          `^${emulator.url}/v1/pbx/record/download/[0-9a-f]{32}/${call.call_id.replace(".", "\\.")}\\.wav$`,
        ),
      ),
      lifetime_till: "2024-05-06 10:33:00",
    });
  });

  it("by pbx_call_id answers links", async () => {
    const answer = await callApi(emulator.url, account, "pbx/record/request", {
      pbx_call_id: call.pbx_call_id,
    });
    expect(answer.body).toMatchObject({
      status: "success",
      links: [expect.stringContaining("/v1/pbx/record/download/")],
    });
  });

  it("refuses a lifetime outside 180…5184000, a missing id and an unrecorded call", async () => {
    const missed = await emulator.control.placeCall(account.id, {
      scenario: "incoming",
      disposition: "no answer",
      at: "2024-05-06 11:00:00",
    });
    const cases: Array<Record<string, string>> = [
      { call_id: call.call_id, lifetime: "179" },
      { call_id: call.call_id, lifetime: "5184001" },
      {},
      { pbx_call_id: missed.pbx_call_id },
      { call_id: "1.2" },
    ];
    for (const params of cases) {
      expect(
        (await callApi(emulator.url, account, "pbx/record/request", params)).body,
      ).toMatchObject({ status: "error" });
    }
  });

  it("answers `record not found` until NOTIFY_RECORD is due", async () => {
    await emulator.control.patchAccount(account.id, { timings: { record_delay_ms: 60_000 } });
    const fresh = await emulator.control.placeCall(account.id, {
      scenario: "incoming",
      talk_seconds: 5,
      notify: true,
    });
    expect(
      (await callApi(emulator.url, account, "pbx/record/request", { call_id: fresh.call_id })).body,
    ).toEqual({
      status: "error",
      message: "record not found",
    });
    await emulator.control.setClock({ advance_ms: 61_000 });
    expect(
      (await callApi(emulator.url, account, "pbx/record/request", { call_id: fresh.call_id })).body
        .status,
    ).toBe("success");
  });
});

describe("download link", () => {
  it("serves the whole WAV with Content-Length and Accept-Ranges, and HEAD without a body", async () => {
    const link = await requestLink({ call_id: call.call_id });
    const response = await fetch(link);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/wav");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-length")).toBe(String(44 + 20 * 16000));
    expect(bytes.length).toBe(44 + 20 * 16000);
    expect(bytes.toString("ascii", 0, 4)).toBe("RIFF");
    const head = await fetch(link, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(44 + 20 * 16000));
  });

  it("answers a Range with 206 bytes equal to the full download's slice, and 416 past the end", async () => {
    const link = await requestLink({ call_id: call.call_id });
    const whole = Buffer.from(await (await fetch(link)).arrayBuffer());
    for (const [header, start, end] of [
      ["bytes=1001-70000", 1001, 70000],
      ["bytes=-500", whole.length - 500, whole.length - 1],
      ["bytes=160044-", 160044, whole.length - 1],
    ] as const) {
      const partial = await fetch(link, { headers: { range: header } });
      expect(partial.status).toBe(206);
      expect(partial.headers.get("content-range")).toBe(`bytes ${start}-${end}/${whole.length}`);
      expect(Buffer.from(await partial.arrayBuffer()).equals(whole.subarray(start, end + 1))).toBe(
        true,
      );
    }
    const beyond = await fetch(link, { headers: { range: `bytes=${whole.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${whole.length}`);
  });

  it("expires after its lifetime (410) and unknown tokens are 404", async () => {
    const link = await requestLink({ call_id: call.call_id, lifetime: "180" });
    expect((await fetch(link, { method: "HEAD" })).status).toBe(200);
    await emulator.control.setClock({ advance_ms: 181_000 });
    expect((await fetch(link)).status).toBe(410);
    expect((await fetch(`${emulator.url}/v1/pbx/record/download/abc123/x.wav`)).status).toBe(404);
  });

  it("streams a recording of an exact size for benchmarks", async () => {
    const big = await emulator.control.placeCall(account.id, {
      scenario: "incoming",
      at: "2024-05-06 12:00:00",
      recording_bytes: 10 * 1024 * 1024,
    });
    expect(big.recording?.bytes).toBe(10 * 1024 * 1024);
    const response = await fetch(await requestLink({ call_id: big.call_id }), {
      headers: { range: "bytes=10000000-" },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 10000000-10485759/10485760`);
    expect((await response.arrayBuffer()).byteLength).toBe(485_760);
  });
});
