import { expect, test, type Page } from "@playwright/test";

import { landingHtml, startCustomerSite, type TCustomerSite } from "./fixtures/customer-site";
import { createSalonAccount, klientiks, type TSalon } from "./fixtures/klientiks";
import { setUpLeadsWorkspace } from "./fixtures/leads-workspace";
import { E2E_APP_URL, E2E_EMULATOR_URL } from "./fixtures/ports";

let customerSite: TCustomerSite;

test.beforeAll(async () => {
  customerSite = await startCustomerSite();
});

test.afterAll(async () => {
  await customerSite.close();
});

const leadRow = (page: Page, appointmentId: number) =>
  page.locator(`[data-testid="lead-row"][data-lead-external-id="${appointmentId}"]`);

/** A booking the widget makes for someone who never visited the site. */
const bookWithoutVisit = (salon: TSalon, input: { name: string; phone: string; lead?: string }) =>
  klientiks.createWidgetBooking(salon.account.account_id, {
    ...input,
    service_id: salon.haircutId,
    executor_id: salon.masterId,
    start: "2026-12-02 15:00:00",
  });

test("a visit from an ad, then a booking in the widget: the lead carries that visit's campaign and UTM", async ({
  page,
  context,
}) => {
  const salon = await createSalonAccount();
  const { slug, snippet } = await setUpLeadsWorkspace(page, salon);

  customerSite.serve(
    landingHtml(snippet, `${E2E_EMULATOR_URL}/app/united/${salon.account.widget_slug}`),
  );
  const visitor = await context.newPage();
  const pageView = visitor.waitForResponse(
    (response) =>
      response.url() === `${E2E_APP_URL}/api/track` && response.request().method() === "POST",
  );
  await visitor.goto(
    `${customerSite.origin}/?utm_source=yandex&utm_medium=cpc&utm_campaign=autumn_haircut&utm_content=banner_1&yclid=777001`,
  );
  expect((await pageView).status()).toBe(202);
  await expect(visitor.locator("#book")).toHaveAttribute("href", /[?&]svyaz_sid=[0-9a-f]{32}$/);
  await visitor.locator("#book").click();

  await visitor.getByLabel("Услуга").selectOption(String(salon.haircutId));
  await visitor.getByLabel("Сотрудник").selectOption(String(salon.masterId));
  await visitor.getByLabel("Имя").fill("Соколова Вера");
  await visitor.getByLabel("Телефон").fill("+7 916 555-12-34");
  await visitor.getByLabel("E-mail").fill("vera@example.ru");
  await visitor.getByRole("button", { name: "Записаться" }).click();
  const appointmentId = Number(await visitor.getByTestId("booking-confirmed").textContent());

  await page.getByRole("link", { name: "Обращения и цели", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/leads`));
  const row = leadRow(page, appointmentId);
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText("Соколова Вера");
  await expect(row).toContainText("+7 916 555 12 34");
  await expect(row.locator('[data-column="source"]')).toHaveText("Яндекс Директ");
  await expect(row.locator('[data-column="campaign"]')).toHaveText("autumn_haircut");
  await expect(row.locator('[data-column="utmCampaign"]')).toHaveText("autumn_haircut");
  await expect(row).toHaveAttribute("data-rule", "session_id");
  await expect(row).toHaveAttribute("data-kind", "booking");
  await expect(row).toHaveAttribute("data-utm-campaign", "autumn_haircut");
  await expect(row.locator('[data-column="kind"]')).toContainText("Заявка");

  await row.click();
  const drawer = page.getByRole("dialog");
  await expect(drawer).toContainText("banner_1");
  await expect(drawer).toContainText("777001");
  await expect(drawer.getByTestId("lead-page-view")).toHaveCount(1);
  await expect(drawer.getByTestId("lead-page-view")).toContainText("Салон «Лето»");
});

test("bookings without a visit get the default source and site, then the default campaign; the ВОЗ tag when asked", async ({
  page,
}) => {
  const salon = await createSalonAccount();
  const { slug } = await setUpLeadsWorkspace(page, salon);

  const noVisit = await bookWithoutVisit(salon, {
    name: "Орлова Нина",
    phone: "+7 903 111-22-33",
    lead: "Instagram",
  });
  await page.goto(`/w/${slug}/leads`);
  const first = leadRow(page, noVisit.appointment.id);
  await expect(first).toBeVisible({ timeout: 20_000 });
  await expect(first).toHaveAttribute("data-rule", "default_source");
  await expect(first).toContainText("Прямые заходы");
  await expect(first).toContainText("Лендинг");
  await expect(first).not.toContainText("Instagram");

  // A campaign to fall back to, then «Тип трафика» → «Рекламная кампания» and the ВОЗ tag on.
  await page.goto(`/w/${slug}/settings/sites`);
  await page.getByLabel("Название кампании").fill("Осень ВК");
  await page.getByLabel("Источник", { exact: true }).selectOption({ label: "VK Реклама" });
  await page.getByLabel("Значения utm_campaign").fill("autumn_vk");
  await page.getByRole("button", { name: "Добавить кампанию" }).click();
  await expect(page.getByTestId("campaign-row").filter({ hasText: "Осень ВК" })).toBeVisible();

  await page.goto(`/w/${slug}/settings/integrations/klientiks`);
  const widgetStep = page.getByTestId("leads-settings");
  await widgetStep.getByLabel("Рекламная кампания", { exact: true }).check();
  await widgetStep
    .getByLabel("Рекламная кампания по умолчанию")
    .selectOption({ label: "Осень ВК — VK Реклама" });
  await widgetStep.getByLabel("Передавать тег по источнику ВОЗ").check();
  await widgetStep.getByRole("button", { name: "Сохранить" }).click();
  await expect(widgetStep.getByText("Настройки сохранены.")).toBeVisible();

  const tagged = await bookWithoutVisit(salon, {
    name: "Белова Юлия",
    phone: "+7 903 444-55-66",
    lead: "Instagram",
  });
  await page.goto(`/w/${slug}/leads`);
  const second = leadRow(page, tagged.appointment.id);
  await expect(second).toBeVisible({ timeout: 20_000 });
  await expect(second).toHaveAttribute("data-rule", "default_campaign");
  await expect(second).toContainText("Осень ВК");
  await expect(second).toContainText("VK Реклама");
  await expect(second).toContainText("Instagram");
});
