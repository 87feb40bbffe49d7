import { describe, expect, it } from "vitest";

import { getJson, restUrl, seedSmallAccount, setUpTestEmulator } from "./test-support";

const emulator = setUpTestEmulator();

/** A raw form body, so the test controls the exact encoding PHP's http_build_query produces. */
const postRawForm = (url: string, body: string) =>
  getJson(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });

const seedTwoServices = async () => {
  const seeded = await seedSmallAccount(emulator().control);
  const second = await emulator().control.addService(seeded.account.account_id, {
    name: "Укладка",
    price: "1800",
  });
  return { ...seeded, serviceIds: [seeded.service.id, second.id] };
};

type AddedAppointment = {
  status: unknown;
  object?: { appointed_services: { service_id: number }[] };
};

const serviceIdsOf = (body: unknown) =>
  (body as AddedAppointment).object?.appointed_services.map((line) => line.service_id);

describe("form arrays in PHP's encodings (klientiks-contract §3)", () => {
  it.each([
    [
      "indexed, percent-encoded as http_build_query sends it",
      (a: number, b: number) => `appointed_services%5B0%5D=${a}&appointed_services%5B1%5D=${b}`,
    ],
    [
      "indexed, brackets left raw",
      (a: number, b: number) => `appointed_services[0]=${a}&appointed_services[1]=${b}`,
    ],
    [
      "empty brackets",
      (a: number, b: number) => `appointed_services[]=${a}&appointed_services[]=${b}`,
    ],
    [
      "lines as nested maps",
      (a: number, b: number) =>
        `appointed_services[0][service_id]=${a}&appointed_services[0][price]=100&appointed_services[1][service_id]=${b}`,
    ],
    [
      "repeated without brackets (Go's url.Values)",
      (a: number, b: number) => `appointed_services=${a}&appointed_services=${b}`,
    ],
    [
      "one packed string",
      (a: number, b: number) => `appointed_services=${encodeURIComponent(`[${a},${b}]`)}`,
    ],
  ])("add Appointments takes appointed_services %s", async (_shape, encode) => {
    const { account, executor, client, serviceIds } = await seedTwoServices();
    const [first = 0, second = 0] = serviceIds;
    const { body } = await postRawForm(
      restUrl(emulator().url, account, "add", "/m/Appointments/"),
      `client_id=${client.id}&executor_id=${executor.id}&start_datetime=2025-04-01&start_time=11:00:00&${encode(first, second)}`,
    );
    expect(body).toMatchObject({ status: true, errors: {} });
    expect(serviceIdsOf(body)).toEqual([first, second]);
  });

  it("refuses a line whose id is not a number, whatever the encoding", async () => {
    const { account, executor, client } = await seedTwoServices();
    const { body } = await postRawForm(
      restUrl(emulator().url, account, "add", "/m/Appointments/"),
      `client_id=${client.id}&executor_id=${executor.id}&start_datetime=2025-04-01&start_time=11:00:00&appointed_services[0][service_id][]=1`,
    );
    expect(body).toMatchObject({
      status: false,
      errors: { appointed_services: [expect.any(String)] },
    });
  });

  it("apiAdd takes service_id[0]=…", async () => {
    const { account, executor, serviceIds } = await seedTwoServices();
    const [first = 0, second = 0] = serviceIds;
    const { body } = await postRawForm(
      restUrl(emulator().url, account, "add", "/m/Appointments/s/apiAdd/"),
      `executor_id=${executor.id}&service_id%5B0%5D=${first}&service_id%5B1%5D=${second}&start_datetime=2025-04-02+15%3A00%3A00&first_name=Vera&phone=79161234568`,
    );
    expect(body).toMatchObject({ status: true });
    expect(serviceIdsOf(body)).toEqual([first, second]);
  });

  it("availableTimes reads service_id[0]=… from the query like service_id[]=…", async () => {
    const { account, executor, serviceIds } = await seedTwoServices();
    await emulator().control.setClock("2025-04-01 08:00:00");
    const [first = 0, second = 0] = serviceIds;
    const slotsFor = async (query: string) =>
      (
        await getJson(
          restUrl(
            emulator().url,
            account,
            "list",
            `/m/availableTimes/?start_day=2025-04-01&executor_id=${executor.id}&${query}`,
          ),
        )
      ).body;
    const indexed = await slotsFor(`service_id%5B0%5D=${first}&service_id%5B1%5D=${second}`);
    const bracketed = await slotsFor(`service_id[]=${first}&service_id[]=${second}`);
    const firstOnly = await slotsFor(`service_id[]=${first}`);
    expect(indexed).toEqual(bracketed);
    // Both services together need longer than the first alone, so the day's last slot differs.
    expect(indexed).not.toEqual(firstOnly);
  });
});
