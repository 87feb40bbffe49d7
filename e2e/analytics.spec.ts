import { expect, test, type Page } from "@playwright/test";

import { landingHtml, startCustomerSite, type TCustomerSite } from "./fixtures/customer-site";
import { createSalonAccount, registerWebhooksFromWizard } from "./fixtures/klientiks";
import { setUpLeadsWorkspace } from "./fixtures/leads-workspace";
import { E2E_EMULATOR_URL } from "./fixtures/ports";

let customerSite: TCustomerSite;

test.beforeAll(async () => {
  customerSite = await startCustomerSite();
});

test.afterAll(async () => {
  await customerSite.close();
});

/** `from`/`to` of the current month in the workspace's zone (the sign-up default, Moscow). */
function thisMonthInMoscow(): string {
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Moscow" }).format(new Date());
  const [year, month] = today.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const first = `${today.slice(0, 8)}01`;
  return new URLSearchParams({ from: first, to: `${today.slice(0, 8)}${lastDay}` }).toString();
}

const campaignRow = (page: Page, name: string) =>
  page.locator('[data-testid="report-row"][data-level="campaign"]').filter({ hasText: name });

/** Opens a report row one level down by its expand button. */
const expand = (page: Page, name: string) =>
  page.getByRole("button", { name: `Раскрыть ${name}`, exact: true }).click();

test("an ad visit books in the widget, the salon completes the visit: Analytics credits the campaign, a cost gives ROMI, the figure opens Deals", async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  const salon = await createSalonAccount();
  const { slug, snippet } = await setUpLeadsWorkspace(page, salon);
  await page.goto(`/w/${slug}/settings/integrations/klientiks`);
  await registerWebhooksFromWizard(page, salon.account.account_id);

  // The visitor comes from a Yandex Direct ad and books in the salon's widget.
  customerSite.serve(
    landingHtml(snippet, `${E2E_EMULATOR_URL}/app/united/${salon.account.widget_slug}`),
  );
  const visitor = await context.newPage();
  await visitor.goto(
    `${customerSite.origin}/?utm_source=yandex&utm_medium=cpc&utm_campaign=spring_sale&utm_content=banner_1`,
  );
  await expect(visitor.locator("#book")).toHaveAttribute("href", /[?&]svyaz_sid=[0-9a-f]{32}$/);
  await visitor.locator("#book").click();
  await visitor.getByLabel("Услуга").selectOption(String(salon.haircutId));
  await visitor.getByLabel("Сотрудник").selectOption(String(salon.masterId));
  await visitor.getByLabel("Имя").fill("Белова Ирина");
  await visitor.getByLabel("Телефон").fill("+7 916 555-77-88");
  await visitor.getByRole("button", { name: "Записаться" }).click();
  await expect(visitor.getByTestId("booking-confirmed")).toBeVisible();

  // The salon marks the visit done in its journal (the emulator's page for the appointment).
  await visitor.getByTestId("booking-journal-link").click();
  await visitor.getByRole("button", { name: "Визит завершён" }).click();
  await expect(visitor.getByText("Статус изменён: Визит завершён")).toBeVisible();

  // Analytics: Реклама → Яндекс Директ → spring_sale, with one won deal and its revenue.
  await page.getByRole("link", { name: "Отчёт" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/analytics$`));
  await expect(async () => {
    await page.reload();
    await expand(page, "Реклама");
    await expand(page, "Яндекс Директ");
    await expect(campaignRow(page, "spring_sale").locator('[data-figure="wonDeals"]')).toHaveText(
      "1",
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 20_000 });
  const row = campaignRow(page, "spring_sale");
  await expect(row.locator('[data-figure="visits"]')).toHaveText("1");
  await expect(row.locator('[data-figure="bookings"]')).toHaveText("1");
  await expect(row.locator('[data-figure="revenueMinor"]')).toHaveText(/^2\s500\s₽$/);
  await expect(row.locator('[data-figure="romi"]')).toHaveText("—");
  await expect(page.getByTestId("headline-revenueMinor")).toContainText(/2\s500\s₽/);

  // A month's cost for the campaign: ROMI = (2 500 − 1 000) ÷ 1 000.
  await page.getByRole("link", { name: "Расходы" }).click();
  const costs = page.getByTestId("costs-row").filter({ hasText: "spring_sale" });
  const thisMonth = costs.getByRole("textbox").last();
  await thisMonth.fill("1 000");
  await thisMonth.press("Enter");
  await expect(costs.getByRole("textbox").last()).toHaveValue("1000");
  // The whole month, so the report takes the whole month's cost (a part of it takes its share of days).
  await page.goto(`/w/${slug}/analytics?${thisMonthInMoscow()}`);
  await expand(page, "Реклама");
  await expand(page, "Яндекс Директ");
  await expect(row.locator('[data-figure="costMinor"]')).toHaveText(/^1\s000\s₽$/);
  await expect(row.locator('[data-figure="romi"]')).toHaveText(/^150\s?%$/);

  // The won figure opens Deals filtered to that campaign's won deals of the period.
  await row.locator('[data-figure="wonDeals"]').getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/deals\\?.*group=won`));
  await expect(page).toHaveURL(/campaign=cmp_/);
  await expect(page.getByTestId("deal-row")).toHaveCount(1);
  await expect(page.getByTestId("deal-row")).toContainText("Белова Ирина");
});
