import { describe, expect, it } from "vitest";

import { getJson, restUrl, seedSmallAccount, setUpTestEmulator } from "./test-support";

const emulator = setUpTestEmulator();

const EMPTY_ANSWERS = [
  ["an empty list", "list", "/m/Appointments/"],
  ["an empty page past the end", "list", "/m/Clients/?offset=50"],
  ["an ACL list with nothing changed", "list", "/m/AppointmentClientLinks/?date=4102444800"],
  ["an unknown appointment", "getAppointment", "/id/999/"],
  ["an unknown phone", "list", "/m/getClientByPhone/phone/79990000000/"],
  ["a day without free slots", "list", "/m/availableTimes/?start_day=2000-01-01"],
] as const;

describe("the empty_items account setting (klientiks-contract §4.1)", () => {
  it.each(EMPTY_ANSWERS)('answers %s with "No data" by default', async (_what, action, rest) => {
    const { account } = await seedSmallAccount(emulator().control);
    expect(account.empty_items).toBe("string");
    const { body } = await getJson(restUrl(emulator().url, account, action, rest));
    expect(body).toMatchObject({ items: "No data" });
  });

  it.each(EMPTY_ANSWERS)(
    "answers %s with [] when set to empty_array",
    async (_what, action, rest) => {
      const { account } = await seedSmallAccount(emulator().control, {
        empty_items: "empty_array",
      });
      const { body } = await getJson(restUrl(emulator().url, account, action, rest));
      expect(body).toMatchObject({ items: [] });
    },
  );

  it("is switched by PATCH, for that account only, and leaves non-empty answers alone", async () => {
    const { account } = await seedSmallAccount(emulator().control);
    const other = await seedSmallAccount(emulator().control);
    const patched = await emulator().control.patchAccount(account.account_id, {
      empty_items: "empty_array",
    });
    const appointments = "/m/Appointments/";

    expect(patched.empty_items).toBe("empty_array");
    expect(
      (await getJson(restUrl(emulator().url, account, "list", appointments))).body,
    ).toMatchObject({
      items: [],
      count: 0,
    });
    expect(
      (await getJson(restUrl(emulator().url, other.account, "list", appointments))).body,
    ).toMatchObject({ items: "No data" });
    expect(
      (await getJson(restUrl(emulator().url, account, "list", "/m/Users/"))).body,
    ).toMatchObject({
      count: 1,
      items: [expect.objectContaining({ name: "Кузнецова Марина Сергеевна" })],
    });
  });
});
