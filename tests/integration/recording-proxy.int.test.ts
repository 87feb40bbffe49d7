// `/api/recordings/{callId}` against the Zadarma emulator over HTTP (docs/recordings.md, R22): the
// member's call only, a fresh link per request, Range slices equal to the file's bytes, 416 past
// the end, nothing fetched from a host other than the provider's, and neither the link nor the keys
// in what the browser gets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getEnv } from "@/env";
import { createId } from "@/lib/ids";
import { encryptZadarmaCredentials } from "@/server/domain/telephony/credentials";
import { providerRecordingLinks } from "@/server/http/provider-recording-links";
import { streamRecording, type TRecordingProxyDeps } from "@/server/http/stream-recording";
import {
  createZadarmaClient,
  createZadarmaThrottle,
  type TZadarmaCredentials,
} from "@/server/integrations/zadarma";
import { createLogger } from "@/server/logging/logger";

import { createZadarmaControl, type ZadarmaControl } from "../../emulators/zadarma/control-client";
import { startZadarmaEmulator, type ZadarmaEmulator } from "../../emulators/zadarma/server";
import {
  createCall,
  createTestTelephonyConnection,
  createTestWorkspace,
} from "../support/factories";
import { createTestDb } from "../support/test-db";
import { createTestTelephonyDeps } from "../support/zadarma-harness";

const db = createTestDb();
const NO_WAIT = createZadarmaThrottle({
  general: { burst: Infinity, perMinute: 60 },
  statistics: { burst: Infinity, perMinute: 60 },
  maxWaitMs: 0,
});

let emulator: ZadarmaEmulator;
let control: ZadarmaControl;
let credentials: TZadarmaCredentials;
/** Every URL the proxy fetched: the network spy of R22's test. */
const fetched: string[] = [];
const spyFetch: typeof fetch = (input, init) => {
  fetched.push(input instanceof Request ? input.url : String(input));
  return fetch(input, init);
};

/** The proxy as the route builds it, aimed at the emulator; `clientBaseUrl` is where the REST client asks for links. */
const depsFor = (clientBaseUrl: string): TRecordingProxyDeps => ({
  db,
  ...providerRecordingLinks(
    {
      ...createTestTelephonyDeps(clientBaseUrl),
      zadarma: createZadarmaClient({ baseUrl: clientBaseUrl, throttle: NO_WAIT, timeoutMs: 5_000 }),
    },
    { zadarma: emulator.url, mango: "http://127.0.0.1:9" },
  ),
  log: createLogger({ test: "recording-proxy" }),
  fetch: spyFetch,
  timeoutMs: 5_000,
});

let deps: TRecordingProxyDeps;
let owner: { id: string };
let recordedCallId: string;
let byPbxCallId: string;
let pbxCall: { pbxCallId: string; recordingRef: string };

beforeAll(async () => {
  emulator = await startZadarmaEmulator({ port: 0, seedDemo: false });
  control = createZadarmaControl(emulator.url);
  const account = await control.createAccount({
    timezone: "Europe/Moscow",
    numbers: ["74951234567"],
    extensions: [{ number: "100", name: "Оператор", online: true }],
    timings: { record_delay_ms: 0 },
  });
  credentials = { key: account.key, secret: account.secret };
  const call = await control.placeCall(account.id, {
    scenario: "incoming",
    caller: "79031234502",
    answered_by: "100",
    talk_seconds: 12,
  });
  pbxCall = { pbxCallId: call.pbx_call_id, recordingRef: call.recording?.call_id_with_rec ?? "" };
  expect(pbxCall.recordingRef).not.toBe("");
  const secondCall = await control.placeCall(account.id, {
    scenario: "incoming",
    caller: "79031234503",
    answered_by: "100",
    talk_seconds: 3,
  });

  const workspace = await createTestWorkspace(db, "Запись");
  owner = workspace.owner;
  const connection = await createTestTelephonyConnection(db, workspace.tenant.id);
  const scope = { tenantId: workspace.tenant.id, connectionId: connection.id };
  await db.connection.update({
    where: { id: connection.id },
    data: {
      credentials: encryptZadarmaCredentials(getEnv().ENCRYPTION_KEYRING, scope, credentials),
    },
  });
  recordedCallId = (
    await createCall(db, scope, {
      providerCallId: pbxCall.pbxCallId,
      recordingState: "ready",
      recordingRef: pbxCall.recordingRef,
    })
  ).id;
  byPbxCallId = (
    await createCall(db, scope, {
      providerCallId: secondCall.pbx_call_id,
      recordingState: "ready",
      recordingRef: null,
    })
  ).id;
  deps = depsFor(emulator.url);
});

afterAll(async () => {
  await emulator.close();
  await db.$disconnect();
});

const get = (
  callId: string,
  {
    userId = owner.id,
    headers = {},
    query = "",
    using = deps,
  }: {
    userId?: string;
    headers?: Record<string, string>;
    query?: string;
    using?: TRecordingProxyDeps;
  } = {},
) =>
  streamRecording(
    new Request(`http://app.test/api/recordings/${callId}${query}`, { headers }),
    { userId, callId },
    using,
  );

/** The whole file, straight from the provider, to compare slices with. */
async function wholeFile(): Promise<Uint8Array> {
  const { links } = await createZadarmaClient({
    baseUrl: emulator.url,
    throttle: NO_WAIT,
  }).requestRecordingLink(credentials, { recordingRef: pbxCall.recordingRef });
  return new Uint8Array(await (await fetch(links[0] ?? "")).arrayBuffer());
}

describe("recording proxy", () => {
  it("streams the whole recording with its type and length, never the link or the keys", async () => {
    const file = await wholeFile();
    fetched.length = 0;
    const response = await get(recordedCallId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^audio\//);
    expect(response.headers.get("content-length")).toBe(String(file.length));
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(file);
    // One fresh link, fetched once, and nothing of it or of the keys in what the browser got.
    expect(fetched).toHaveLength(1);
    const token = new URL(fetched[0] ?? "").pathname.split("/").at(-2) ?? "";
    const headerText = JSON.stringify([...response.headers]);
    for (const secret of [token, credentials.key, credentials.secret, emulator.url])
      expect(headerText).not.toContain(secret);
  });

  it("answers a Range with 206 and exactly that slice of the file, and 416 past its end", async () => {
    const file = await wholeFile();
    const slice = await get(recordedCallId, { headers: { range: "bytes=100-1099" } });
    expect(slice.status).toBe(206);
    expect(slice.headers.get("content-range")).toBe(`bytes 100-1099/${file.length}`);
    expect(slice.headers.get("content-length")).toBe("1000");
    expect(new Uint8Array(await slice.arrayBuffer())).toEqual(file.slice(100, 1100));

    const tail = await get(recordedCallId, { headers: { range: `bytes=${file.length - 10}-` } });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(file.slice(-10));

    const past = await get(recordedCallId, { headers: { range: `bytes=${file.length + 5}-` } });
    expect(past.status).toBe(416);
  });

  it("offers the file as a download on ?download=1", async () => {
    const response = await get(recordedCallId, { query: "?download=1" });
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(
        `^attachment; filename="call-\\d{4}-\\d{2}-\\d{2}-\\d{4}-${recordedCallId}\\.wav"$`,
      ),
    );
    await response.body?.cancel();
  });

  it("asks by the provider's call id when the recording id is missing", async () => {
    const response = await get(byPbxCallId);
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("refuses a link to any host but the provider's, without fetching it (R22)", async () => {
    // The emulator builds links from the Host it was asked on: asked as «localhost», it hands out a
    // link to localhost, which is not the configured provider host (127.0.0.1).
    const elsewhere = depsFor(emulator.url.replace("127.0.0.1", "localhost"));
    fetched.length = 0;
    const response = await get(recordedCallId, { using: elsewhere });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: "RECORDING_PROVIDER_FAILED" } });
    expect(fetched).toEqual([]);
  });

  it("gives a member of another workspace a 404, as for a call that does not exist", async () => {
    const stranger = await createTestWorkspace(db, "Чужой");
    fetched.length = 0;
    for (const callId of [recordedCallId, createId("call")]) {
      const response = await get(callId, { userId: stranger.owner.id });
      expect(response.status, callId).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
    expect(fetched).toEqual([]);
  });

  it("says when the recording is still being prepared, or there is none", async () => {
    const scope = await db.call.findUniqueOrThrow({
      where: { id: recordedCallId },
      select: { tenantId: true, connectionId: true },
    });
    const pending = await createCall(db, scope, { recordingState: "pending" });
    const none = await createCall(db, scope, { recordingState: "none" });
    const unavailable = await createCall(db, scope, { recordingState: "unavailable" });
    expect([
      (await get(pending.id)).status,
      (await get(none.id)).status,
      (await get(unavailable.id)).status,
    ]).toEqual([409, 404, 404]);
    expect(await (await get(pending.id)).json()).toMatchObject({
      error: { code: "RECORDING_PENDING" },
    });
  });

  it("reads a recording the provider no longer has as unavailable", async () => {
    const { tenantId, connectionId } = await db.call.findUniqueOrThrow({
      where: { id: recordedCallId },
      select: { tenantId: true, connectionId: true },
    });
    const gone = await createCall(
      db,
      { tenantId, connectionId },
      { recordingState: "ready", recordingRef: "no-such-recording" },
    );
    const response = await get(gone.id);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "RECORDING_UNAVAILABLE" } });
  });
});
