import { describe, expect, it } from "vitest";

import { KlientiksControlError } from "./control-client";
import { getJson, restUrl, setUpTestEmulator } from "./test-support";

const emulator = setUpTestEmulator();

describe("employees through the control API", () => {
  it("normalises the phone as a client's (klientiks-contract §7)", async () => {
    const account = await emulator().control.createAccount();
    const created = await emulator().control.addUser(account.account_id, {
      name: "Петрова Мария",
      phone: "8 (916) 111-00-01",
    });
    const client = await emulator().control.addClient(account.account_id, {
      first_name: "Анна",
      phone: "8 (916) 111-00-02",
    });
    const { body } = await getJson(restUrl(emulator().url, account, "list", "/m/Users/"));

    expect(created.phone).toBe("79161110001");
    expect(client.phone).toBe("79161110002");
    expect(body).toMatchObject({ items: [{ id: created.id, phone: "79161110001" }] });
  });

  it("refuses a phone that cannot be one, and takes none", async () => {
    const account = await emulator().control.createAccount();
    const refused = await emulator()
      .control.addUser(account.account_id, { name: "Петрова Мария", phone: "12-34" })
      .catch((error: unknown) => error);
    const withoutPhone = await emulator().control.addUser(account.account_id, { name: "Смирнова" });

    expect(refused).toBeInstanceOf(KlientiksControlError);
    expect(refused).toMatchObject({
      status: 400,
      body: { errors: { phone: [expect.any(String)] } },
    });
    expect(withoutPhone.phone).toBe("");
  });
});
