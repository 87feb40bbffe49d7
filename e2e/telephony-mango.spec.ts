import { expect, test, type Page } from "@playwright/test";

import { mango } from "./fixtures/mango";
import { openCallTheCompany, openSoftphone, PHONE_PAGE_LABELS } from "./fixtures/softphones";
import { createWorkspaceThroughUi, signUpThroughUi } from "./fixtures/ui";

/** Every step that waits on the pipeline (event → inbox → worker → live event) gets this long. */
const PIPELINE_MS = 15_000;
const MY_EXTENSION = "100";
const CLIENT_PHONE = "79161234567";

const callRow = (page: Page, callId: string) =>
  page.locator(`[data-testid="call-row"][data-call-id="${callId}"]`);

/**
 * The same day's work as telephony.spec.ts, on Mango Office: Settings → Telephony with Mango chosen,
 * the events address checked from the PBX, a client's call popping up, answered and recorded, the
 * recording played, and a call placed from the calls log.
 */
test("a Mango Office workspace: connect, a call pops up, is recorded and played; click-to-call", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const owner = await signUpThroughUi(page, "Марина Менеджер");
  const slug = await createWorkspaceThroughUi(page, "Клиника Марины");

  await test.step("Settings → Telephony: Mango chosen, its emulator's VPBX connected, the address checked", async () => {
    await page.goto(`/w/${slug}/settings/telephony`);
    await page.getByRole("radio", { name: "Mango Office" }).check();
    await page.getByRole("button", { name: "Подключить демо-аккаунт эмулятора" }).click();
    await expect(page.getByTestId("telephony-status")).toHaveText("Подключено");
    await expect(page.getByTestId("telephony-provider")).toHaveText("Mango Office");
    await expect(page.getByTestId("telephony-check-result")).toContainText(
      "Из АТС прочитано 3 внутренних номера",
    );
    await expect(page.getByTestId("telephony-webhook-url")).toHaveValue(
      /\/api\/webhooks\/mango\/[^/]+\/$/,
    );
    await page.getByRole("button", { name: "Прописать в эмуляторе" }).click();
    await expect(page.getByTestId("telephony-webhook-confirmed")).toContainText(
      "Mango Office проверил подключение к этому адресу",
    );
    await page
      .getByLabel(`Сотрудник на номере ${MY_EXTENSION}`)
      .selectOption({ label: `Марина Менеджер (${owner.email})` });
  });
  const key = await page.getByTestId("telephony-key").innerText();
  const account = (await mango.listAccounts()).find((candidate) => candidate.key === key);
  if (!account) throw new Error(`no Mango emulator account has the key ${key}`);
  // Mango reports a recording some seconds after the call; the test need not wait that long.
  await mango.patchAccount(account.id, { timings: { record_delay_ms: 300 } });
  const myRow = page.locator(`[data-testid="extension-row"][data-extension="${MY_EXTENSION}"]`);
  const softphone = await openSoftphone(
    myRow.getByRole("link", { name: "софтфон" }),
    PHONE_PAGE_LABELS.mango,
  );
  const caller = await openCallTheCompany(
    page.getByTestId("emulator-softphones").getByRole("link", { name: "Позвонить в компанию" }),
    PHONE_PAGE_LABELS.mango,
  );

  let callId = "";
  await test.step("a client dials in: the card pops up, follows the answer and the hang-up", async () => {
    await page.goto(`/w/${slug}/calls`);
    const card = page.getByTestId("incoming-call-card");
    await caller.dial(CLIENT_PHONE);
    await expect(card).toHaveAttribute("data-state", "ringing", { timeout: PIPELINE_MS });
    callId = (await card.getAttribute("data-call-id")) ?? "";
    await softphone.answer();
    await expect(card).toHaveAttribute("data-state", "answered", { timeout: PIPELINE_MS });
    await page.waitForTimeout(3_000);
    await softphone.hangUp();
    await expect(card).toHaveAttribute("data-state", "ended", { timeout: PIPELINE_MS });
  });

  await test.step("Calls: the answered call with the employee; its recording plays", async () => {
    const row = callRow(page, callId);
    await expect(row).toHaveAttribute("data-status", "answered", { timeout: PIPELINE_MS });
    await expect(row).toContainText("Марина Менеджер");
    await row.getByRole("cell").first().click();
    const player = page.getByTestId("call-drawer").getByTestId("recording-player");
    await expect(player).toHaveAttribute("data-recording-state", "ready", { timeout: PIPELINE_MS });
    const ranged = page.waitForResponse(
      (response) =>
        response.url().includes(`/api/recordings/${callId}`) && response.status() === 206,
    );
    await player.getByTestId("recording-toggle").click();
    await ranged;
    await expect
      .poll(() =>
        page
          .getByTestId("call-drawer")
          .locator("audio")
          .evaluate((audio: HTMLAudioElement) => audio.currentTime),
      )
      .toBeGreaterThan(0.5);
    await player.getByTestId("recording-toggle").click();
  });

  await test.step("click-to-call from the calls log: my phone rings, then the client's", async () => {
    await page
      .getByTestId("call-drawer")
      .getByRole("button", { name: `Позвонить на +${CLIENT_PHONE}` })
      .first()
      .click();
    await expect(softphone.state).toHaveAttribute("data-state", "ringing", {
      timeout: PIPELINE_MS,
    });
    await softphone.answer();
    // The client's phone (the emulator's scripted client) picks up after a moment.
    await expect(softphone.state).toHaveAttribute("data-state", "connected", {
      timeout: PIPELINE_MS,
    });
    await softphone.hangUp();
    await expect(page.getByTestId("call-steps")).toHaveAttribute("data-status", "ended", {
      timeout: PIPELINE_MS,
    });
    const commands = await mango.requests({ accountId: account.id });
    expect(commands.filter((entry) => entry.command === "commands/callback")).toHaveLength(1);
  });
});
