import { expect, test, type Browser, type Page } from "@playwright/test";
import { klientiks } from "./fixtures/klientiks";
import { findEmulatorAccountByKey, openCallTheCompany, openSoftphone, zadarma } from "./fixtures/zadarma";
import { createWorkspaceThroughUi, signUpThroughUi } from "./fixtures/ui";

/** Every step that waits on the pipeline (notification → inbox → worker → live event) gets this long. */
const PIPELINE_MS = 15_000;
const MY_EXTENSION = "100";

/** A client of the workspace's Klientiks demo salon with visits (so with deals): name and phone as Klientiks has them. */
async function demoSalonClientWithVisits(accountId: string) {
  const visitsByClient = new Map<number, { name: string; phone: string; visits: number }>();
  for (const appointment of await klientiks.listAppointments(accountId)) {
    const client = appointment.appointment_client_links[0]?.client;
    if (!client?.phone) continue;
    const known = visitsByClient.get(client.id) ?? { name: client.name, phone: client.phone, visits: 0 };
    visitsByClient.set(client.id, { ...known, visits: known.visits + 1 });
  }
  const [best] = [...visitsByClient.values()].sort((a, b) => b.visits - a.visits);
  if (!best) throw new Error("the demo salon has no client with visits");
  return best;
}

/** Sign up, create a workspace, connect the emulator's demo salon and import its visits, as a newcomer would. */
async function connectDemoSalon(page: Page) {
  const owner = await signUpThroughUi(page, "Ольга Администратор");
  const slug = await createWorkspaceThroughUi(page, "Салон Ольги");
  await page.getByRole("link", { name: "Клиентикс CRM" }).click();
  await page.getByRole("button", { name: "Подключить демо-салон эмулятора" }).click();
  await expect(page.getByText("Доступ к API подтверждён, данные сохранены.")).toBeVisible();
  await page.getByRole("button", { name: "Активировать" }).click();
  await expect(page.getByTestId("backfill-progress")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  const salonAccountId = await page.getByLabel("account_id").inputValue();
  return { slug, owner, salonAccountId };
}

/** Settings → Telephony: the emulator's demo PBX, our address saved in it (zd_echo), and me on an extension. */
async function connectDemoTelephony(page: Page, slug: string, ownerEmail: string) {
  await page.goto(`/w/${slug}/settings/telephony`);
  await page.getByRole("button", { name: "Подключить демо-аккаунт эмулятора" }).click();
  await expect(page.getByTestId("telephony-status")).toHaveText("Подключено");
  await expect(page.getByTestId("telephony-check-result")).toContainText("Из АТС прочитано 3 внутренних номера");
  const pbxAccount = await findEmulatorAccountByKey(await page.getByTestId("telephony-key").innerText());

  await page.getByRole("button", { name: "Прописать в эмуляторе" }).click();
  await expect(page.getByTestId("telephony-webhook-confirmed")).toContainText("Zadarma подтвердил этот адрес");
  const mySelect = page.getByLabel(`Сотрудник на номере ${MY_EXTENSION}`);
  await mySelect.selectOption({ label: `Ольга Администратор (${ownerEmail})` });
  const myRow = page.locator(`[data-testid="extension-row"][data-extension="${MY_EXTENSION}"]`);
  await expect(myRow.getByTestId("extension-unmapped")).toHaveCount(0);
  return pbxAccount;
}

/** Another business with its own workspace, signed in in a separate browser context. */
async function openOtherWorkspace(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpThroughUi(page, "Чужой Владелец");
  await createWorkspaceThroughUi(page, "Чужой салон");
  return { context, page };
}

test("a client's call pops up their card, is answered on the softphone, and its recording plays in Calls", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const other = await openOtherWorkspace(browser);
  const { slug, owner, salonAccountId } = await connectDemoSalon(page);
  const client = await demoSalonClientWithVisits(salonAccountId);
  const pbxAccount = await connectDemoTelephony(page, slug, owner.email);
  await zadarma.patchAccount(pbxAccount.id, { timings: { record_delay_ms: 500 } });

  const softphone = await openSoftphone(await page.context().newPage(), pbxAccount.id, MY_EXTENSION);
  const caller = await openCallTheCompany(await page.context().newPage(), pbxAccount.id);
  await page.goto(`/w/${slug}/deals`);

  let callId = "";
  await test.step("the client dials in: the card pops up with their name, follows the answer and the hang-up", async () => {
    await caller.dial(client.phone);
    const card = page.getByTestId("incoming-call-card");
    await expect(card).toHaveAttribute("data-state", "ringing", { timeout: PIPELINE_MS });
    await expect(card.getByTestId("call-card-client")).toHaveText(client.name);
    callId = (await card.getAttribute("data-call-id")) ?? "";
    await expect(softphone.state).toHaveAttribute("data-state", "ringing");
    await softphone.answer();
    await expect(softphone.state).toHaveAttribute("data-state", "connected");
    await expect(card).toHaveAttribute("data-state", "answered", { timeout: PIPELINE_MS });
    await expect(caller.state).toHaveAttribute("data-state", "connected");
    // A few seconds of talk: the recording must be long enough to seek in.
    await page.waitForTimeout(4_000);
    await softphone.hangUp();
    await expect(card).toHaveAttribute("data-state", "ended", { timeout: PIPELINE_MS });
    await expect(card.getByTestId("call-card-outcome")).toHaveText("Итог: отвечен");
    await expect(card).toHaveCount(0, { timeout: PIPELINE_MS });
  });

  await test.step("a member of another workspace got no card and cannot fetch the recording", async () => {
    await expect(other.page.getByTestId("incoming-call-card")).toHaveCount(0);
    expect((await other.page.request.get(`/api/recordings/${callId}`)).status()).toBe(404);
  });

  await test.step("click-to-call from a deal: a double click places one call", async () => {
    await page.getByRole("link", { name: "Сделки" }).click();
    const callButton = page.getByRole("button", { name: `Позвонить на +${client.phone}` }).first();
    await callButton.dblclick();
    await expect(page.getByTestId("call-steps")).toBeVisible();
    await expect(softphone.state).toHaveAttribute("data-state", "ringing", { timeout: PIPELINE_MS });
    await softphone.decline();
    const callbacks = (await zadarma.requests({ accountId: pbxAccount.id })).filter((entry) => entry.method === "request/callback");
    expect(callbacks).toHaveLength(1);
  });
  await other.context.close();
});
