import { expect, test, type Browser, type Page } from "@playwright/test";

import { klientiks } from "./fixtures/klientiks";
import { openCallTheCompany, openSoftphone } from "./fixtures/softphones";
import { createWorkspaceThroughUi, signUpThroughUi } from "./fixtures/ui";
import { findEmulatorAccountByKey, zadarma } from "./fixtures/zadarma";

/** Every step that waits on the pipeline (notification → inbox → worker → live event) gets this long. */
const PIPELINE_MS = 15_000;
/** The card is due within a second (issue 9 §6); a loaded CI machine gets a few. */
const CARD_MS = 5_000;
const MY_EXTENSION = "100";

/** A client of the workspace's Klientiks demo salon with visits (so with deals): name and phone as Klientiks has them. */
async function demoSalonClientWithVisits(accountId: string) {
  const visitsByClient = new Map<number, { name: string; phone: string; visits: number }>();
  for (const appointment of await klientiks.listAppointments(accountId)) {
    const client = appointment.appointment_client_links[0]?.client;
    if (!client?.phone) continue;
    const known = visitsByClient.get(client.id) ?? {
      name: client.name,
      phone: client.phone,
      visits: 0,
    };
    visitsByClient.set(client.id, { ...known, visits: known.visits + 1 });
  }
  const [best] = [...visitsByClient.values()].sort((a, b) => b.visits - a.visits);
  if (!best) throw new Error("the demo salon has no client with visits");
  return best;
}

/**
 * Sign up, create a workspace and connect the emulator's demo salon, as a newcomer would. Its visits
 * import in the background (throttled to Klientiks' rate) while the newcomer goes on to telephony.
 */
async function connectDemoSalon(page: Page) {
  const owner = await signUpThroughUi(page, "Ольга Администратор");
  const slug = await createWorkspaceThroughUi(page, "Салон Ольги");
  await page.getByRole("link", { name: "Клиентикс CRM" }).click();
  await page.getByRole("button", { name: "Подключить демо-салон эмулятора" }).click();
  await expect(page.getByText("Доступ к API подтверждён, данные сохранены.")).toBeVisible();
  await page.getByRole("button", { name: "Активировать" }).click();
  await expect(page.getByTestId("connection-status")).toHaveText("Интеграция активна");
  const salonAccountId = await page.getByLabel("account_id").inputValue();
  return { slug, owner, salonAccountId };
}

/**
 * Settings → Telephony: the emulator's demo PBX, our address saved in it (zd_echo), and me on an
 * extension; then its softphone and the "call the company" page, opened from the page's links.
 */
async function connectDemoTelephony(page: Page, slug: string, ownerEmail: string) {
  await page.goto(`/w/${slug}/settings/telephony`);
  await page.getByRole("button", { name: "Подключить демо-аккаунт эмулятора" }).click();
  await expect(page.getByTestId("telephony-status")).toHaveText("Подключено");
  await expect(page.getByTestId("telephony-check-result")).toContainText(
    "Из АТС прочитано 3 внутренних номера",
  );
  const pbxAccount = await findEmulatorAccountByKey(
    await page.getByTestId("telephony-key").innerText(),
  );

  await page.getByRole("button", { name: "Прописать в эмуляторе" }).click();
  await expect(page.getByTestId("telephony-webhook-confirmed")).toContainText(
    "Zadarma подтвердил этот адрес",
  );
  await page
    .getByLabel(`Сотрудник на номере ${MY_EXTENSION}`)
    .selectOption({ label: `Ольга Администратор (${ownerEmail})` });
  const myRow = page.locator(`[data-testid="extension-row"][data-extension="${MY_EXTENSION}"]`);
  await expect(myRow.getByTestId("extension-unmapped")).toHaveCount(0);

  const softphone = await openSoftphone(myRow.getByRole("link", { name: "софтфон" }));
  const caller = await openCallTheCompany(
    page.getByTestId("emulator-softphones").getByRole("link", { name: "Позвонить в компанию" }),
  );
  return { pbxAccount, softphone, caller };
}

/** Another business with its own workspace, signed in in a separate browser context. */
async function openOtherWorkspace(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpThroughUi(page, "Чужой Владелец");
  await createWorkspaceThroughUi(page, "Чужой салон");
  return { context, page };
}

const callRow = (page: Page, callId: string) =>
  page.locator(`[data-testid="call-row"][data-call-id="${callId}"]`);
/** Opens a call's drawer by its time cell (the row's middle holds the call button). */
const openCall = (page: Page, callId: string) =>
  callRow(page, callId).getByRole("cell").first().click();

/** The drawer's own close button (the first: a call button's steps popover inside it has one too). */
const closeDrawer = (page: Page) =>
  page
    .getByTestId("call-drawer")
    .getByRole("button", { name: "Закрыть", exact: true })
    .first()
    .click();

/** The audio element's position, in seconds. */
const audioTime = (page: Page) =>
  page
    .getByTestId("call-drawer")
    .locator("audio")
    .evaluate((audio: HTMLAudioElement) => audio.currentTime);

test("a client's call pops up their card, is answered, recorded and called back; click-to-call from a deal", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const [other, { slug, owner, salonAccountId }] = await Promise.all([
    openOtherWorkspace(browser),
    connectDemoSalon(page),
  ]);
  const client = await demoSalonClientWithVisits(salonAccountId);
  const { pbxAccount, softphone, caller } = await connectDemoTelephony(page, slug, owner.email);
  // Zadarma reports a recording some seconds after the call; the test need not wait that long.
  await zadarma.patchAccount(pbxAccount.id, { timings: { record_delay_ms: 500 } });
  await page.goto(`/w/${slug}/deals`);
  const card = page.getByTestId("incoming-call-card");

  let answeredCallId = "";
  await test.step("the client dials in: the card pops up with their name, follows the answer and the hang-up", async () => {
    await caller.dial(client.phone);
    // The salon's visits are still importing (a second each, Klientiks' pace): the call must not wait for them.
    await expect(card).toHaveAttribute("data-state", "ringing", { timeout: CARD_MS });
    await expect(card.getByTestId("call-card-client")).toHaveText(client.name, {
      timeout: CARD_MS,
    });
    answeredCallId = (await card.getAttribute("data-call-id")) ?? "";
    await expect(softphone.state).toHaveAttribute("data-state", "ringing");
    await softphone.answer();
    await expect(card).toHaveAttribute("data-state", "answered", { timeout: PIPELINE_MS });
    await expect(caller.state).toHaveAttribute("data-state", "connected");
    // A few seconds of talk: the recording must be long enough to seek in.
    await page.waitForTimeout(4_000);
    await softphone.hangUp();
    await expect(card).toHaveAttribute("data-state", "ended", { timeout: PIPELINE_MS });
    await expect(card.getByTestId("call-card-outcome")).toHaveText("Итог: отвечен");
    // The other business's member, signed in all along, saw nothing of it.
    await expect(other.page.getByTestId("incoming-call-card")).toHaveCount(0);
  });

  await test.step("Calls: the answered call with the employee; its recording plays and seeks", async () => {
    await page.getByRole("link", { name: "Звонки" }).click();
    const row = callRow(page, answeredCallId);
    await expect(row).toHaveAttribute("data-status", "answered", { timeout: PIPELINE_MS });
    await expect(row).toContainText("Ольга Администратор");
    await openCall(page, answeredCallId);
    const player = page.getByTestId("call-drawer").getByTestId("recording-player");
    await expect(player).toHaveAttribute("data-recording-state", "ready", { timeout: PIPELINE_MS });
    const ranged = page.waitForResponse(
      (response) =>
        response.url().includes(`/api/recordings/${answeredCallId}`) && response.status() === 206,
    );
    await player.getByTestId("recording-toggle").click();
    await ranged;
    await expect.poll(() => audioTime(page)).toBeGreaterThan(0.5);
    await player.getByTestId("recording-toggle").click();
    await player.getByTestId("recording-seek").fill("3");
    await expect.poll(() => audioTime(page)).toBeGreaterThanOrEqual(2.9);
    expect(await audioTime(page)).toBeLessThan(3.5);
    // The ended call's card has closed by itself meanwhile.
    await expect(card).toHaveCount(0);
  });

  await test.step("a member of another workspace cannot fetch the recording", async () => {
    expect((await page.request.get(`/api/recordings/${answeredCallId}`)).status()).toBe(200);
    expect((await other.page.request.get(`/api/recordings/${answeredCallId}`)).status()).toBe(404);
  });

  let missedCallId = "";
  await test.step("a missed call shows «Перезвонить»; the callback rings my phone and is logged as the call back", async () => {
    await closeDrawer(page);
    // I decline; the colleagues' phones give up quickly.
    await zadarma.patchAccount(pbxAccount.id, { timings: { ring_timeout_ms: 2_000 } });
    await caller.dial(client.phone);
    await expect(softphone.state).toHaveAttribute("data-state", "ringing");
    missedCallId = (await card.getAttribute("data-call-id", { timeout: PIPELINE_MS })) ?? "";
    await softphone.decline();
    await expect(caller.state).toHaveAttribute("data-state", "ended", { timeout: PIPELINE_MS });
    await zadarma.patchAccount(pbxAccount.id, { timings: { ring_timeout_ms: 20_000 } });
    const row = callRow(page, missedCallId);
    await expect(row).toHaveAttribute("data-status", "missed", { timeout: PIPELINE_MS });
    await expect(row.getByTestId("call-not-called-back")).toBeVisible();
    await openCall(page, missedCallId);
    await page.getByTestId("call-callback").getByRole("button", { name: "Перезвонить" }).click();
    await expect(softphone.state).toHaveAttribute("data-state", "ringing", {
      timeout: PIPELINE_MS,
    });
    await softphone.answer();
    // The client's phone (the emulator's scripted client) picks up after a moment.
    await expect(softphone.state).toHaveAttribute("data-state", "connected");
    await expect(softphone.state).toContainText("Connected with");
    await softphone.hangUp();
    await expect(row.getByTestId("call-called-back")).toBeVisible({ timeout: PIPELINE_MS });
    await expect(page.getByTestId("call-callback")).toContainText("Перезвонили");
    await page
      .getByTestId("call-callback")
      .getByRole("button", { name: "Открыть ответный звонок" })
      .click();
    await expect(page).not.toHaveURL(new RegExp(`call=${missedCallId}`));
    const callbackCallId = new URL(page.url()).searchParams.get("call") ?? "";
    await closeDrawer(page);
    const callbackRow = callRow(page, callbackCallId);
    await expect(callbackRow).toHaveAttribute("data-status", "answered");
    await expect(callbackRow.locator(`[data-column="direction"]`)).toContainText("Исходящий");
  });

  await test.step("click-to-call from a deal: a double click places one call", async () => {
    const callbacksBefore = (await zadarma.requests({ accountId: pbxAccount.id })).filter(
      (entry) => entry.method === "request/callback",
    ).length;
    await page.getByRole("link", { name: "Сделки" }).click();
    const clientDeal = page.getByTestId("deal-row").filter({ hasText: client.name }).first();
    await expect(clientDeal).toBeVisible({ timeout: PIPELINE_MS });
    await clientDeal.getByRole("button", { name: `Позвонить на +${client.phone}` }).dblclick();
    await expect(softphone.state).toHaveAttribute("data-state", "ringing", {
      timeout: PIPELINE_MS,
    });
    await softphone.decline();
    await expect(page.getByTestId("call-steps")).toHaveAttribute("data-status", "ended", {
      timeout: PIPELINE_MS,
    });
    const callbacks = (await zadarma.requests({ accountId: pbxAccount.id })).filter(
      (entry) => entry.method === "request/callback",
    );
    expect(callbacks).toHaveLength(callbacksBefore + 1);
  });
  await other.context.close();
});
