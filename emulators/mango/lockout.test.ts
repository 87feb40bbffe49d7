import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "./accounts";
import { createLockout, LOCKOUT_WINDOW_MS } from "./lockout";
import { callApi, startTestEmulator, type TestEmulator } from "./test-support";

describe("createLockout", () => {
  it("tolerates one wrong request per two minutes and blocks after the second until 2 min past the first", () => {
    const lockout = createLockout();
    const t0 = 1_000_000;
    lockout.strike("k", t0);
    expect(lockout.blockedUntil("k", t0 + 1)).toBeNull();
    lockout.strike("k", t0 + 30_000);
    expect(lockout.blockedUntil("k", t0 + 30_001)).toBe(t0 + LOCKOUT_WINDOW_MS);
    expect(lockout.blockedUntil("k", t0 + LOCKOUT_WINDOW_MS - 1)).toBe(t0 + LOCKOUT_WINDOW_MS);
    expect(lockout.blockedUntil("k", t0 + LOCKOUT_WINDOW_MS)).toBeNull();
    expect(lockout.blockedUntil("other", t0 + 30_001)).toBeNull();
  });

  it("starts a fresh window once two minutes have passed since the first strike", () => {
    const lockout = createLockout();
    lockout.strike("k", 0);
    lockout.strike("k", LOCKOUT_WINDOW_MS + 5);
    expect(lockout.blockedUntil("k", LOCKOUT_WINDOW_MS + 6)).toBeNull();
  });
});

describe("the lockout rule over HTTP", () => {
  let emulator: TestEmulator;
  let account: AccountView;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await emulator.control.reset();
    await emulator.control.setClock({ now: "2026-03-02T10:00:00Z" });
    account = await emulator.control.createAccount({ users: [{ extension: "101" }] });
  });

  const good = () => callApi(emulator.url, account, "config/users/request", {});
  const wrong = () =>
    callApi(emulator.url, account, "config/users/request", {}, { signWith: "wrong" });

  it("3xxx, 3xxx, then 401 for everything until two minutes after the first 3xxx", async () => {
    expect((await wrong()).body).toMatchObject({ result: 3102 });
    await emulator.control.setClock({ advance_ms: 10_000 });
    expect((await good()).status).toBe(200);
    await emulator.control.setClock({ advance_ms: 20_000 });
    const second = await wrong();
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ result: 3102 });

    await emulator.control.setClock({ advance_ms: 5_000 });
    const blocked = await good();
    expect(blocked.status).toBe(401);
    expect(blocked.headers.get("retry-after")).toBe("85");
    expect((await wrong()).status).toBe(401);

    // 2 minutes after the first 3xxx (t0 + 120 s): open again.
    await emulator.control.setClock({ advance_ms: 84_999 });
    expect((await good()).status).toBe(401);
    await emulator.control.setClock({ advance_ms: 1 });
    const open = await good();
    expect(open.status).toBe(200);
    expect(open.body).toHaveProperty("users");
  });

  it("counts any 3xxx: bad json, missing fields, unknown extension", async () => {
    const badJson = await callApi(emulator.url, account, "commands/callback", null, {
      rawJson: "{not json",
    });
    expect(badJson.body).toMatchObject({ result: 3104 });
    const unknownExtension = await callApi(emulator.url, account, "commands/callback", {
      command_id: "c1",
      from: { extension: "999" },
      to_number: "79990000000",
    });
    expect(unknownExtension.body).toMatchObject({ result: 3310 });
    expect((await good()).status).toBe(401);
    expect(await emulator.control.lockout()).toEqual([
      expect.objectContaining({ key: account.key, strikes: 2 }),
    ]);
  });

  it("blocks per key: another account stays open", async () => {
    const other = await emulator.control.createAccount({});
    await wrong();
    await wrong();
    expect((await good()).status).toBe(401);
    expect((await callApi(emulator.url, other, "config/users/request", {})).status).toBe(200);
  });
});
