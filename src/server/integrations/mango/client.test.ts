import { describe, expect, it } from "vitest";

import {
  createMangoClient,
  isAllowedRecordingHost,
  MANGO_CIRCUIT_MS,
  type TMangoCircuit,
} from "./client";
import { MangoError } from "./errors";
import { signMango } from "./signature";

const ACCOUNT = {
  tenantId: "ten_1",
  connectionId: "con_1",
  credentials: { apiKey: "key-0123456789", salt: "salt-0123456789" },
};
const NOW = new Date("2026-12-01T10:00:00Z");

/** The circuit as PostgreSQL would keep it, in a map for the unit test. */
const memoryCircuit = () => {
  const openUntil = new Map<string, Date>();
  const circuit: TMangoCircuit = {
    openUntil: async ({ connectionId }) => openUntil.get(connectionId) ?? null,
    open: async ({ connectionId }, until) => {
      openUntil.set(connectionId, until);
    },
  };
  return { circuit, openUntil };
};

type TSeen = { url: string; form: URLSearchParams | null; redirect: RequestRedirect | undefined };

const fakeFetch = (answer: (seen: TSeen) => Response) => {
  const seen: TSeen[] = [];
  const doFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const entry: TSeen = {
      url: String(input),
      form: typeof init?.body === "string" ? new URLSearchParams(init.body) : null,
      redirect: init?.redirect,
    };
    seen.push(entry);
    return answer(entry);
  }) as typeof fetch;
  return { doFetch, seen };
};

const BASE_URL = "https://app.mango-office.ru";

const client = (answer: (seen: TSeen) => Response, circuit = memoryCircuit()) => {
  const { doFetch, seen } = fakeFetch(answer);
  return {
    mango: createMangoClient({
      baseUrl: `${BASE_URL}/`,
      circuit: circuit.circuit,
      fetch: doFetch,
      now: () => NOW,
    }),
    seen,
    circuit,
  };
};

const ok = (body: object = { result: 1000 }) => Response.json(body);

describe("the request", () => {
  it("posts vpbx_api_key, sign and json to /vpbx/{method}, the sign over the json sent", async () => {
    const { mango, seen } = client(() => ok());
    await mango.requestCallback(ACCOUNT, {
      commandId: "c2c_1",
      fromExtension: "101",
      toNumber: "79990000000",
    });
    const [request] = seen;
    expect(request?.url).toBe("https://app.mango-office.ru/vpbx/commands/callback");
    const json = request?.form?.get("json") ?? "";
    expect(JSON.parse(json)).toEqual({
      command_id: "c2c_1",
      from: { extension: "101" },
      to_number: "79990000000",
    });
    expect(request?.form?.get("vpbx_api_key")).toBe(ACCOUNT.credentials.apiKey);
    expect(request?.form?.get("sign")).toBe(
      signMango(ACCOUNT.credentials.apiKey, json, ACCOUNT.credentials.salt),
    );
  });

  it("lists users with their extensions", async () => {
    const { mango } = client(() =>
      ok({
        users: [
          { general: { name: "Анна" }, telephony: { extension: "101" } },
          { general: { name: "Без номера" }, telephony: {} },
          { general: { name: "" }, telephony: { extension: 102 } },
        ],
      }),
    );
    expect(await mango.listUsers(ACCOUNT)).toEqual([
      { extension: "101", name: "Анна" },
      { extension: "102", name: null },
    ]);
  });
});

describe("errors (docs/telephony-mango.md §5)", () => {
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    if (!(error instanceof MangoError)) throw new Error("expected a MangoError");
    return error;
  };

  it("a 3xxx result is non-retriable", async () => {
    const { mango } = client(() => ok({ result: 3102 }));
    const error = await failure(mango.listUsers(ACCOUNT));
    expect(error).toMatchObject({ code: "invalid_request", isRetriable: false, resultCode: 3102 });
  });

  it("503 and 5008 back off", async () => {
    const busy = await failure(
      client(() => new Response("", { status: 503 })).mango.listUsers(ACCOUNT),
    );
    expect(busy).toMatchObject({ code: "rate_limited", isRetriable: true, retryAfterMs: 5000 });
    const limited = await failure(client(() => ok({ result: 5008 })).mango.listUsers(ACCOUNT));
    expect(limited).toMatchObject({ code: "rate_limited", isRetriable: true, resultCode: 5008 });
  });

  it("401 opens the circuit for 2 min 10 s, and no request is sent while it is open", async () => {
    const circuit = memoryCircuit();
    const { mango, seen } = client(() => new Response("", { status: 401 }), circuit);
    const first = await failure(mango.listUsers(ACCOUNT));
    expect(first).toMatchObject({ code: "locked_out", isRetriable: false });
    expect(circuit.openUntil.get("con_1")).toEqual(new Date(NOW.getTime() + MANGO_CIRCUIT_MS));
    const second = await failure(mango.listUsers(ACCOUNT));
    expect(second).toMatchObject({
      code: "circuit_open",
      isRetriable: false,
      retryAfterMs: MANGO_CIRCUIT_MS,
    });
    expect(seen).toHaveLength(1);
    // Another connection is not affected.
    await failure(mango.listUsers({ ...ACCOUNT, connectionId: "con_2" }));
    expect(seen).toHaveLength(2);
  });

  it("an expired circuit lets requests through again", async () => {
    const circuit = memoryCircuit();
    circuit.openUntil.set("con_1", new Date(NOW.getTime() - 1));
    const { mango, seen } = client(() => ok({ users: [] }), circuit);
    expect(await mango.listUsers(ACCOUNT)).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it("never puts the key, the salt or the sign into an error", async () => {
    const { mango, seen } = client(() => {
      throw new Error(`boom ${seen[0]?.form?.toString()}`);
    });
    const error = await failure(mango.listUsers(ACCOUNT));
    const text = `${error.message} ${error.stack} ${String((error.cause as Error | undefined)?.message)}`;
    expect(text).not.toContain(ACCOUNT.credentials.apiKey);
    expect(text).not.toContain(ACCOUNT.credentials.salt);
    expect(error.code).toBe("unreachable");
  });
});

describe("statistics", () => {
  it("request returns the key; result 204 is not ready, 200 is the CSV", async () => {
    let calls = 0;
    const { mango, seen } = client(({ url }) => {
      if (url.endsWith("stats/request")) return ok({ key: "K1" });
      calls += 1;
      return calls === 1
        ? new Response(null, { status: 204 })
        : new Response("E1;1;2\n", { status: 200, headers: { "content-type": "text/csv" } });
    });
    const key = await mango.requestStats(ACCOUNT, {
      from: new Date(NOW.getTime() - 86_400_000),
      to: NOW,
      fields: ["entry_id", "start"],
    });
    expect(key).toBe("K1");
    expect(JSON.parse(seen[0]?.form?.get("json") ?? "")).toMatchObject({
      date_to: String(NOW.getTime() / 1000),
      fields: "entry_id, start",
    });
    expect(await mango.fetchStatsResult(ACCOUNT, key)).toEqual({ ready: false });
    expect(await mango.fetchStatsResult(ACCOUNT, key)).toEqual({ ready: true, csv: "E1;1;2\n" });
  });
});

describe("recordings", () => {
  it("reads the one-time link from the 302 without fetching it", async () => {
    const { mango, seen } = client(
      () =>
        new Response(null, {
          status: 302,
          headers: { location: "https://files.mango-office.ru/one-time/abc" },
        }),
    );
    expect(await mango.requestRecordingLink(ACCOUNT, "REC-1")).toEqual({
      links: ["https://files.mango-office.ru/one-time/abc"],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.redirect).toBe("manual");
    expect(JSON.parse(seen[0]?.form?.get("json") ?? "")).toEqual({
      recording_id: "REC-1",
      action: "play",
    });
  });

  it("resolves a relative Location against the API's origin", async () => {
    const { mango } = client(
      () => new Response(null, { status: 302, headers: { location: "/files/one-time/abc" } }),
    );
    expect(await mango.requestRecordingLink(ACCOUNT, "REC-1", "download")).toEqual({
      links: [`${BASE_URL}/files/one-time/abc`],
    });
  });

  it("refuses a redirect to another host", async () => {
    const { mango, seen } = client(
      () =>
        new Response(null, {
          status: 302,
          headers: { location: "https://evil.example/mango-office.ru" },
        }),
    );
    await expect(mango.requestRecordingLink(ACCOUNT, "REC-1")).rejects.toMatchObject({
      code: "bad_response",
    });
    expect(seen).toHaveLength(1);
  });

  it("reads 3320 as a recording Mango does not have", async () => {
    const { mango } = client(() => Response.json({ result: 3320, message: "no such recording" }));
    await expect(mango.requestRecordingLink(ACCOUNT, "REC-1")).rejects.toMatchObject({
      code: "not_found",
      resultCode: 3320,
      isRetriable: false,
    });
  });

  it("allowed hosts: the API's own origin, https hosts under .mango-office.ru", () => {
    const base = "http://127.0.0.1:4040";
    expect(isAllowedRecordingHost(new URL("http://127.0.0.1:4040/files/1"), base)).toBe(true);
    expect(isAllowedRecordingHost(new URL("https://files.mango-office.ru/x"), base)).toBe(true);
    expect(isAllowedRecordingHost(new URL("http://files.mango-office.ru/x"), base)).toBe(false);
    expect(isAllowedRecordingHost(new URL("https://mango-office.ru.evil.example/x"), base)).toBe(
      false,
    );
    expect(isAllowedRecordingHost(new URL("https://user:pw@files.mango-office.ru/x"), base)).toBe(
      false,
    );
  });
});
