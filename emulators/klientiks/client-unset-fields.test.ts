import { describe, expect, it } from "vitest";

import { getJson, postForm, restUrl, seedSmallAccount, setUpTestEmulator } from "./test-support";

const emulator = setUpTestEmulator();

type WireClient = Record<string, unknown>;

const UNSET_IN_CAPTURE = [
  "patron_name",
  "second_name",
  "client_groups",
  "failed_push",
  "json_data",
];

describe("unset client fields (klientiks-contract §9.1)", () => {
  it("reads back null for what add Clients was not sent, as K7's captured getClientByPhone", async () => {
    const { account } = await seedSmallAccount(emulator().control);
    // The four fields K7's test.php sent to create the client it then looked up.
    const created = await postForm(restUrl(emulator().url, account, "add", "/m/Clients/"), {
      phone: "71834440808",
      first_name: "Эмин",
      birth_date: "08.01.1991",
      number: "1597",
    });
    const { body } = await getJson(
      restUrl(emulator().url, account, "list", "/m/getClientByPhone/phone/71834440808/"),
    );
    const client = (body as { items: WireClient }).items;

    expect(created.body).toMatchObject({ status: "ok", errors: {} });
    for (const key of UNSET_IN_CAPTURE) expect(client[key], key).toBeNull();
    expect(client).toMatchObject({
      name: "Эмин",
      first_name: "Эмин",
      unparsed_name: true,
      birth_date: "08.01.1991",
      number: 1597,
    });
    expect(Object.keys(client)).not.toContain("email");
  });

  it('keeps "" and false for fields saved blank, as K7\'s captured client list', async () => {
    const { account } = await seedSmallAccount(emulator().control);
    const client = await emulator().control.addClient(account.account_id, {
      first_name: "Alina",
      second_name: "",
      patron_name: "",
      client_groups: "Постоянные клиенты",
      failed_push: false,
      phone: "74445550011",
      lead_source: "",
    });
    expect(client).toMatchObject({
      second_name: "",
      patron_name: "",
      client_groups: "Постоянные клиенты",
      failed_push: false,
      unparsed_name: true,
    });
  });

  it("leaves unset what the control API, apiAdd and the widget are not given", async () => {
    const { account, executor, service } = await seedSmallAccount(emulator().control);
    const viaControl = await emulator().control.addClient(account.account_id, {
      first_name: "Олег",
      phone: "79161234567",
    });
    await postForm(restUrl(emulator().url, account, "add", "/m/Appointments/s/apiAdd/"), {
      executor_id: String(executor.id),
      "service_id[]": String(service.id),
      start_datetime: "2025-04-02 15:00:00",
      first_name: "Вера",
      phone: "79161234568",
    });
    const booking = await emulator().control.createWidgetBooking(account.account_id, {
      name: "Инна",
      phone: "79161234569",
      service_id: service.id,
      executor_id: executor.id,
      start: "2025-04-03 12:00",
    });
    const viaApiAdd = await getJson(
      restUrl(emulator().url, account, "list", "/m/getClientByPhone/phone/79161234568/"),
    );

    for (const client of [
      viaControl,
      (viaApiAdd.body as { items: WireClient }).items,
      booking.client,
    ]) {
      expect(client).toMatchObject({
        patron_name: null,
        second_name: null,
        client_groups: null,
        failed_push: null,
        birth_date: null,
      });
    }
  });

  it("clears a field patched to null and keeps the full name without it", async () => {
    const { account, client } = await seedSmallAccount(emulator().control);
    const patched = await emulator().control.patchClient(account.account_id, client.id, {
      second_name: null,
    });
    expect(patched).toMatchObject({ second_name: null, name: "Анна", unparsed_name: true });
  });

  it("seeds the demo salon with clients of both shapes", async () => {
    const demo = await emulator().control.createAccount({ demo: true });
    const { body } = await getJson(restUrl(emulator().url, demo, "list", "/m/Clients/"));
    const clients = (body as { items: WireClient[] }).items;
    expect(
      clients.some((client) => client.failed_push === false && client.json_data !== null),
    ).toBe(true);
    expect(clients.some((client) => client.failed_push === null && client.json_data === null)).toBe(
      true,
    );
  });
});
