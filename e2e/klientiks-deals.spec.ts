import { expect, test, type Page } from "@playwright/test";

import {
  bookVisit,
  createSalonAccount,
  fillKlientiksCredentials,
  klientiks,
  registerWebhooksFromWizard,
  type TSalon,
} from "./fixtures/klientiks";
import { createWorkspaceThroughUi, signUpThroughUi } from "./fixtures/ui";

/** The app and the test share this machine's clock. */
const DEDUPE_BUCKET_MS = 10_000;

const dealRow = (page: Page, appointmentId: number) =>
  page.locator(`[data-testid="deal-row"][data-deal-external-id="${appointmentId}"]`);

/** Sign up, create a workspace and connect the salon's Klientiks account through the wizard. */
async function connectSalon(page: Page, salon: TSalon): Promise<string> {
  await signUpThroughUi(page, "Мария Админ");
  const slug = await createWorkspaceThroughUi(page, "Салон Марии");
  await page.goto(`/w/${slug}/settings/integrations/klientiks`);
  await fillKlientiksCredentials(page, salon.account);
  await expect(page.getByText("Доступ к API подтверждён, данные сохранены.")).toBeVisible();
  await page.getByRole("button", { name: "Активировать" }).click();
  await expect(page.getByTestId("connection-status")).toHaveText("Интеграция активна");
  await registerWebhooksFromWizard(page, salon.account.account_id);
  // Activation's 30-day import runs in the background; a visit booked while it is still listing
  // would reach us twice (import and webhook) and blur what each test counts.
  await expect(page.getByTestId("backfill-progress")).toHaveAttribute("data-status", "completed", {
    timeout: 20_000,
  });
  return slug;
}

test("wrong credentials, then the right ones, then deals arrive and follow their status", async ({
  page,
}) => {
  const salon = await createSalonAccount();
  await signUpThroughUi(page, "Елена Владелец");
  const slug = await createWorkspaceThroughUi(page, "Студия Елены");
  await page.getByRole("link", { name: "Клиентикс CRM" }).click();

  await fillKlientiksCredentials(page, { ...salon.account, access_token: "0".repeat(32) });
  await expect(page.getByText(/Клиентикс отклонил учётные данные/)).toBeVisible();

  const noApi = await klientiks.createAccount({ tariff: "other" });
  await fillKlientiksCredentials(page, noApi);
  await expect(page.getByText(/нужен тариф «PRO\+» или «API»/)).toBeVisible();

  await fillKlientiksCredentials(page, salon.account);
  await expect(page.getByText("Доступ к API подтверждён, данные сохранены.")).toBeVisible();
  // Nothing is awaited before activation; then the wait counts from it.
  await expect(page.getByTestId("live-check")).toContainText(
    "Проверка связи начнётся после активации",
  );
  await page.getByRole("button", { name: "Активировать" }).click();
  await expect(page.getByTestId("connection-status")).toHaveText("Интеграция активна");

  const webhookUrl = await page.getByTestId("webhook-url").inputValue();
  expect(webhookUrl).toMatch(/\/api\/webhooks\/klientiks\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByTestId("webhook-template-appointment_changed")).toHaveValue(
    `${webhookUrl}?appointment_id={{#new_data}}{{id}}{{/new_data}}&status={{#new_data}}{{status}}{{/new_data}}`,
  );
  await expect(page.getByTestId("live-check")).toContainText(
    "Ждём первый webhook… Интеграция активирована только что.",
  );
  await registerWebhooksFromWizard(page, salon.account.account_id);

  const visit = await bookVisit(salon);
  await expect(page.getByTestId("live-check")).toContainText(`запись №${visit.id}`, {
    timeout: 15_000,
  });

  await page.getByRole("link", { name: "Сделки" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/deals`));
  const row = dealRow(page, visit.id);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("Стрижка женская, Укладка");
  await expect(row).toContainText("3 700");
  await expect(row).toHaveAttribute("data-stage", "scheduled");

  await klientiks.patchAppointment(salon.account.account_id, visit.id, { status: "finished" });
  await expect(row).toHaveAttribute("data-stage", "finished", { timeout: 15_000 });
  await row.click();
  const history = page.getByTestId("deal-stage-history");
  await expect(history).toContainText("Записан");
  await expect(history).toContainText("Визит завершён");

  // A new responsible rule applies to the deals already there, with progress in the wizard.
  await page.goto(`/w/${slug}/settings/integrations/klientiks`);
  const dealsSettings = page.getByTestId("deals-settings");
  await dealsSettings.getByRole("radio", { name: "Автор записи" }).check();
  await dealsSettings.getByRole("button", { name: "Сохранить" }).click();
  await expect(dealsSettings.getByTestId("deal-recompute-progress")).toContainText(
    "Сохранённые сделки пересчитаны по текущим настройкам: 1 сделка",
    { timeout: 15_000 },
  );
});

test("a delivery retried after a Klientiks error, then failed, is replayed from the sync panel", async ({
  page,
}) => {
  const salon = await createSalonAccount();
  const slug = await connectSalon(page, salon);
  // Klientiks first throttles the fetch (retried after its Retry-After), then answers "No data":
  // the delivery fails for good (appointment not found).
  const getAppointment = { action: "getAppointment", account_id: salon.account.account_id };
  await klientiks.addFault({ mode: "rate_limit", retry_after: 8, match: getAppointment, times: 1 });
  await klientiks.addFault({ mode: "no_data", match: getAppointment, times: 1 });
  const visit = await bookVisit(salon);

  const retrying = page.getByTestId("health-retrying");
  await expect(retrying).toContainText("Повторяем 1 доставку", { timeout: 15_000 });
  await expect(retrying).toContainText("Клиентикс ограничил частоту запросов");
  const failedRow = page.locator(`[data-testid="delivery-row"][data-subject="${visit.id}"]`);
  await expect(failedRow).toHaveAttribute("data-status", "failed", { timeout: 20_000 });
  await expect(page.getByTestId("health-last-error")).toContainText(
    "Запись не найдена в Клиентикс",
  );
  await failedRow.getByRole("button", { name: "Повторить" }).click();
  await expect(failedRow).toHaveAttribute("data-status", "processed", { timeout: 15_000 });
  // The errors stay in the panel's history after the delivery went through.
  await expect(retrying).toHaveCount(0);
  const history = page.getByTestId("health-error-history");
  await expect(history).toContainText("Клиентикс ограничил частоту запросов");
  await expect(history).toContainText("Запись не найдена в Клиентикс");

  await page.goto(`/w/${slug}/deals`);
  await expect(dealRow(page, visit.id)).toBeVisible();
});

test("a webhook the emulator never sent is healed by reconciliation", async ({ page }) => {
  const salon = await createSalonAccount();
  const slug = await connectSalon(page, salon);
  const missed = await bookVisit(salon, { fireWebhooks: false });

  await page.getByRole("button", { name: "Сверить сейчас" }).click();
  await expect(
    page.getByText(/Сверка: просмотрено записей — \d+, поставлено в обработку — [1-9]/),
  ).toBeVisible();
  await page.goto(`/w/${slug}/deals`);
  await expect(dealRow(page, missed.id)).toBeVisible({ timeout: 15_000 });
});

test("a storm of 20 identical webhooks yields one deal", async ({ page }) => {
  const salon = await createSalonAccount();
  const slug = await connectSalon(page, salon);
  const visit = await bookVisit(salon, { fireWebhooks: false });
  // Identical deliveries collapse within one 10-second bucket (klientiks-contract: no event id);
  // a storm fired just before a bucket ends would span two, so it starts at the top of one.
  await new Promise((resolve) =>
    setTimeout(resolve, DEDUPE_BUCKET_MS - (Date.now() % DEDUPE_BUCKET_MS)),
  );
  await klientiks.triggerWebhook(salon.account.account_id, {
    event: "appointment_created",
    appointment_id: visit.id,
    times: 20,
  });
  await klientiks.waitForDeliveries(salon.account.account_id, { count: 20, timeoutMs: 15_000 });

  await expect(
    page.locator(`[data-testid="delivery-row"][data-subject="${visit.id}"]`),
  ).toHaveCount(1, { timeout: 15_000 });
  await page.goto(`/w/${slug}/deals`);
  await expect(dealRow(page, visit.id)).toHaveCount(1, { timeout: 15_000 });
  const getAppointmentCalls = (
    await klientiks.requests({ accountId: salon.account.account_id })
  ).filter((entry) => entry.path.includes("getAppointment"));
  expect(getAppointmentCalls).toHaveLength(1);
});

test("a leaked webhook address is replaced: the old one keeps working until the admin stops it", async ({
  page,
}) => {
  const salon = await createSalonAccount();
  const slug = await connectSalon(page, salon);
  const urlField = page.getByTestId("webhook-url");
  const oldUrl = await urlField.inputValue();
  const rotation = page.getByTestId("webhook-rotation-deals");

  page.once("dialog", (dialog) => void dialog.accept());
  await rotation.getByRole("button", { name: "Сменить адрес" }).click();
  await expect(urlField).not.toHaveValue(oldUrl);
  const newUrl = await urlField.inputValue();
  for (const template of await page.locator('[data-testid^="webhook-template-"]').all())
    await expect(template).toHaveValue(new RegExp(`^${newUrl.replace(/[.?]/g, "\\$&")}\\?`));
  await expect(rotation.getByTestId("replaced-webhook")).toContainText(`…${oldUrl.slice(-4)}`);

  // Klientiks still calls the old address until the owner re-pastes the new one: both are accepted.
  const visit = await bookVisit(salon, { fireWebhooks: false });
  const send = (url: string) => page.request.get(`${url}?appointment_id=${visit.id}&status=1`);
  expect((await send(oldUrl)).status()).toBe(200);
  await page.reload();
  await expect(rotation.getByTestId("replaced-webhook")).toContainText(
    "Последний вебхук на этот адрес",
  );
  await expect(rotation.getByTestId("current-webhook-traffic")).toHaveText(
    "На этот адрес вебхуков ещё не было.",
  );

  page.once("dialog", (dialog) => void dialog.accept());
  await rotation.getByRole("button", { name: "Отключить прежний адрес сейчас" }).click();
  await expect(rotation.getByTestId("replaced-webhook")).toHaveCount(0);
  const refused = await send(oldUrl);
  const unknown = await page.request.get(
    `${new URL(oldUrl).origin}/api/webhooks/klientiks/${"u".repeat(43)}?appointment_id=${visit.id}&status=1`,
  );
  expect(refused.status()).toBe(404);
  expect(await refused.text()).toBe(await unknown.text());
  expect((await send(newUrl)).status()).toBe(200);
  await page.goto(`/w/${slug}/deals`);
  await expect(dealRow(page, visit.id)).toHaveCount(1, { timeout: 15_000 });
});

test("a newcomer connects the emulator's demo salon in a few clicks and sees its history and new visits", async ({
  page,
}) => {
  await signUpThroughUi(page, "Новичок");
  const slug = await createWorkspaceThroughUi(page, "Демо-салон");
  await page.goto(`/w/${slug}/settings/integrations/klientiks`);
  await page.getByRole("button", { name: "Подключить демо-салон эмулятора" }).click();
  await expect(page.getByText("Доступ к API подтверждён, данные сохранены.")).toBeVisible();
  await page.getByRole("button", { name: "Активировать" }).click();
  await expect(page.getByTestId("backfill-progress")).toContainText(
    /Загрузка завершена: [1-9]\d* запис/,
    { timeout: 60_000 },
  );

  // A longer history on request, from the 1st of the month before the default day (30 days back):
  // the day picked on the calendar is sent as its midnight in the account's zone (Moscow, UTC+3).
  const defaultSince = new Date(Date.now() - 29 * 86_400_000).toLocaleDateString("en-CA", {
    timeZone: "Europe/Moscow",
  });
  const [year, month] = defaultSince.split("-").map(Number) as [number, number];
  const firstOfMonthBefore = Date.UTC(year, month - 2, 1);
  const importSince = page.getByRole("button", { name: /^Изменённые с:/ });
  await importSince.click();
  const calendar = page.getByRole("dialog", { name: "Изменённые с" });
  await calendar.getByRole("button", { name: "Перейти к предыдущему месяцу" }).click();
  await calendar.getByRole("grid").getByRole("button").first().click();
  await expect(calendar).toBeHidden();
  await expect(importSince).toHaveText(/^1 /);
  const started = page.waitForRequest(/klientiks\.startBackfill/);
  await page.getByRole("button", { name: "Загрузить" }).click();
  // The tRPC link batches: the body is keyed by the call's place in the batch.
  expect((await started).postDataJSON()).toMatchObject({
    0: { json: { since: new Date(firstOfMonthBefore - 3 * 3_600_000).toISOString() } },
  });
  await expect(page.getByTestId("backfill-progress")).toHaveAttribute("data-status", "completed", {
    timeout: 60_000,
  });

  await page.getByRole("button", { name: "Прописать адреса в эмуляторе" }).click();
  await expect(
    page.getByText("Адреса прописаны в демо-аккаунте эмулятора: 3 события."),
  ).toBeVisible();

  const demoAccountId = await page.getByLabel("account_id").inputValue();
  const [template] = await klientiks.listAppointments(demoAccountId);
  const visit = await klientiks.createAppointment(demoAccountId, {
    client_id: template!.client_id!,
    executor_id: template!.executor_id!,
    start: "2026-12-02 10:00:00",
    status: "scheduled",
    services: [{ service_id: template!.appointed_services[0]!.service_id }],
  });
  await page.getByRole("link", { name: "Сделки" }).click();
  await expect(dealRow(page, visit.id)).toBeVisible({ timeout: 15_000 });
});
