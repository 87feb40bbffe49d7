import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { DEMO_ACCOUNT } from "./demo-seed";
import { startReceiver, startTestEmulator, type Receiver, type TestEmulator } from "./test-support";

let emulator: TestEmulator;
let receiver: Receiver;

beforeAll(async () => {
  emulator = await startTestEmulator({ seedDemo: true });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.reset();
  receiver = await startReceiver();
});
afterEach(() => receiver.close());

const api = async (path: string, body?: Record<string, unknown>) => {
  const response = await fetch(`${emulator.url}/phones/api/${path}`, {
    method: body ? "POST" : "GET",
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("call the company and the softphones", () => {
  it("a caller dials a company number, extension 101 answers, the caller hangs up", async () => {
    const dialled = await api("caller/dial", {
      account: "demo",
      caller: "+7 903 123-45-01",
      did: "74996470002",
    });
    expect(dialled).toMatchObject({ status: 200, body: { state: "ringing" } });
    const entryId = String(dialled.body.entry_id);

    const phone = await api("extension?account=demo&extension=101");
    expect(phone.body).toMatchObject({
      name: "Кузнецова Марина",
      online: true,
      call: { entry_id: entryId, kind: "incoming", state: "ringing", peer: "79031234501" },
    });
    await api("extension/answer", { account: "demo", extension: "101" });
    expect((await api(`caller?account=demo&call=${encodeURIComponent(entryId)}`)).body).toEqual({
      entry_id: entryId,
      state: "connected",
      outcome: null,
      extension: "101",
    });
    // 100 stopped ringing when 101 answered.
    expect((await api("extension?account=demo&extension=100")).body.call).toBeNull();
    expect((await api("extension/decline", { account: "demo", extension: "101" })).status).toBe(
      409,
    );
    const ended = await api("caller/hangup", { account: "demo", call: entryId });
    expect(ended.body).toMatchObject({ state: "ended", outcome: "answered" });
  });

  it("refuses a number that is not the company's, and an offline extension does not ring", async () => {
    expect(
      (await api("caller/dial", { account: "demo", caller: "79031234501", did: "74950000000" }))
        .status,
    ).toBe(400);
    await api("extension/online", { account: "demo", extension: "102", online: false });
    await api("caller/dial", { account: "demo", caller: "79031234501", did: "74996470001" });
    expect((await api("extension?account=demo&extension=102")).body).toMatchObject({
      online: false,
      call: null,
    });
    // The app knows the account by its key.
    expect((await api(`extension?account=${DEMO_ACCOUNT.key}&extension=100`)).body).toMatchObject({
      account: "demo",
      call: { kind: "incoming" },
    });
  });
});

describe("the settings page", () => {
  it("checks the connection with ping and saves the address", async () => {
    const check = await api("account/ping", { account: "demo", url: receiver.url });
    expect(check.body).toMatchObject({ ok: true, status: 200, url: `${receiver.url}ping` });
    expect((await emulator.control.getAccount("demo")).events_url).toBeNull();
    const saved = await api("account/events-url", { account: "demo", url: receiver.url });
    expect(saved.body).toEqual({ account: "demo", events_url: receiver.url });
    expect((await emulator.control.getAccount("demo")).events_url).toBe(receiver.url);
    expect((await api("account/events-url", { account: "demo", url: "ftp://x/" })).status).toBe(
      400,
    );
  });

  it("serves the pages in Russian with labelled controls", async () => {
    const text = async (path: string) => (await fetch(`${emulator.url}${path}`)).text();
    const settings = await text("/settings?account=demo");
    expect(settings).toContain('<label for="url">Адрес внешней системы</label>');
    expect(settings).toContain(">Проверить подключение</button>");
    expect(settings).toContain(DEMO_ACCOUNT.key);
    const phone = await text("/phones/101?account=demo");
    for (const label of [">Ответить</button>", ">Отклонить</button>", ">Завершить</button>"])
      expect(phone).toContain(label);
    const call = await text("/call");
    expect(call).toContain('<label for="caller">Номер звонящего</label>');
    expect(call).toContain('<option value="74996470002">');
    expect(await text("/")).toContain("/settings?account=demo");
    expect((await fetch(`${emulator.url}/phones/555?account=demo`)).status).toBe(404);
  });
});
