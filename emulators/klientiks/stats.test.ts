import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { restUrl, seedSmallAccount, startTestEmulator, type TestEmulator } from "./test-support";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

describe("/__control/stats", () => {
  it("counts requests and the maximum concurrency per account", async () => {
    const { account } = await seedSmallAccount(emulator.control);
    const url = restUrl(emulator.url, account, "list", "/m/Users/");
    await emulator.control.addFault({
      mode: "latency",
      ms: 100,
      match: { account_id: account.account_id },
      times: 3,
    });

    await Promise.all([fetch(url), fetch(url), fetch(url)]);
    await fetch(url);

    const { accounts } = await emulator.control.stats();
    expect(accounts[account.account_id]).toEqual({
      requests: 4,
      in_flight: 0,
      max_concurrency: 3,
      max_requests_per_second: 4,
    });
  });
});
