import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { seedSmallAccount, startTestEmulator, type TestEmulator } from "./test-support";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.reset());

describe("client page /app/clients/{id}", () => {
  it("shows the client the app's call card links to, found by id alone", async () => {
    const { account, client } = await seedSmallAccount(emulator.control);
    const response = await fetch(`${emulator.url}/app/clients/${client.id}`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(html).toContain('<h1 data-testid="klientiks-client-name">Орлова Анна</h1>');
    expect(html).toContain(`<dd data-testid="klientiks-client-id">${client.id}</dd>`);
    expect(html).toContain(account.account_id);
  });

  it("answers 404 for an id no account has", async () => {
    await seedSmallAccount(emulator.control);
    expect((await fetch(`${emulator.url}/app/clients/999`)).status).toBe(404);
  });
});
