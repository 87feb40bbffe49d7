import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import type { CallView } from "./call-view";
import { callApi, startTestEmulator, type TestEmulator } from "./test-support";

let emulator: TestEmulator;
let account: AccountView;
let call: CallView;

const WAV_BYTES_PER_SECOND = 16_000;
const WAV_HEADER = 44;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  account = await emulator.control.createAccount({
    numbers: ["74996470001"],
    users: [{ extension: "100" }],
  });
  call = await emulator.control.placeCall(account.id, {
    caller: "79031234501",
    script: { at: "2026-03-02T10:00:00Z", talk_seconds: 20 },
  });
});

const post = (json: Record<string, unknown>) =>
  callApi(emulator.url, account, "queries/recording/post", json);

const recordingId = (): string => call.recording?.recording_id ?? "";

describe("queries/recording/post", () => {
  it("redirects (302) to a one-time link the emulator serves: WAV once, then 410", async () => {
    const answer = await post({ recording_id: recordingId(), action: "download" });
    expect(answer.status).toBe(302);
    const location = answer.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^${emulator.url}/files/recording/[0-9a-f]{32}$`));

    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("audio/wav");
    expect(file.headers.get("accept-ranges")).toBe("bytes");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.wav"$/);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(WAV_HEADER + 20 * WAV_BYTES_PER_SECOND);
    expect(bytes.subarray(0, 4).toString("ascii")).toBe("RIFF");
    expect(bytes.subarray(8, 12).toString("ascii")).toBe("WAVE");

    expect((await fetch(location)).status).toBe(410);
    expect((await fetch(`${emulator.url}/files/recording/${"0".repeat(32)}`)).status).toBe(404);
  });

  it("serves a Range as 206 (and that uses the link up)", async () => {
    const location = (await post({ recording_id: recordingId(), action: "play" })).headers.get(
      "location",
    );
    const head = await fetch(location ?? "", { method: "HEAD" });
    expect(head.status).toBe(200);
    const size = WAV_HEADER + 20 * WAV_BYTES_PER_SECOND;
    expect(head.headers.get("content-length")).toBe(String(size));
    const part = await fetch(location ?? "", { headers: { range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${size}`);
    expect(part.headers.get("content-disposition")).toMatch(/^inline/);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await fetch(location ?? "")).status).toBe(410);
  });

  it("every request gets a fresh link", async () => {
    const first = (await post({ recording_id: recordingId() })).headers.get("location");
    const second = (await post({ recording_id: recordingId() })).headers.get("location");
    expect(first).not.toBe(second);
    expect((await fetch(second ?? "")).status).toBe(200);
    expect((await fetch(first ?? "")).status).toBe(200);
  });

  it("answers 3320 for an unknown recording and 3104 for a wrong action", async () => {
    expect((await post({ recording_id: "nope" })).body).toMatchObject({ result: 3320 });
    await emulator.control.clearLockout();
    expect((await post({ recording_id: recordingId(), action: "burn" })).body).toMatchObject({
      result: 3104,
    });
  });

  it("a notified call's recording is not there until record/added is due", async () => {
    await emulator.control.patchAccount(account.id, { timings: { record_delay_ms: 60_000 } });
    const fresh = await emulator.control.placeCall(account.id, {
      caller: "79031234502",
      script: { answered_by: "100" },
    });
    const early = await post({ recording_id: fresh.recording?.recording_id ?? "" });
    expect(early.body).toMatchObject({ result: 3320 });
    await emulator.control.setClock({ advance_ms: 60_000 });
    expect((await post({ recording_id: fresh.recording?.recording_id ?? "" })).status).toBe(302);
  });
});
