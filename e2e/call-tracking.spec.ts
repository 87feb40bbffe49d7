import { expect, test, type Browser, type Page } from "@playwright/test";

import { startCustomerSite, type TCustomerSite } from "./fixtures/customer-site";
import { addSiteThroughUi } from "./fixtures/sites";
import { openCallTheCompany } from "./fixtures/softphones";
import { createWorkspaceThroughUi, signUpThroughUi } from "./fixtures/ui";

/** Notification → inbox → worker → the list's 5-second refresh; a loaded CI machine gets a few more. */
const PIPELINE_MS = 20_000;
const POOL = ["74957770001", "74957770002"];
const FALLBACK = "74957770099";

let customerSite: TCustomerSite;

test.beforeAll(async () => {
  customerSite = await startCustomerSite();
});

test.afterAll(async () => {
  await customerSite.close();
});

/** The salon's landing page: the tracker snippet and the salon's phone, as a link and in text. */
const landingWithPhone = (snippet: string) => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Салон «Лето»</title>${snippet}</head>
<body><h1>Стрижки со скидкой</h1>
<a data-testid="phone-link" href="tel:+74951234567">+7 (495) 123-45-67</a>
<p data-testid="phone-text">Звоните: 8 (495) 123-45-67</p></body></html>`;

/** "+7 (495) 777-00-01" → "74957770001": the number the visitor dials. */
const digitsOf = (text: string) => text.replace(/\D/g, "").replace(/^8/, "7");

/** A visitor in a browser of their own, from an ad of `campaign`; resolves with the number shown. */
async function visitFromAd(browser: Browser, campaign: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(
    `${customerSite.origin}/?utm_source=yandex&utm_medium=cpc&utm_campaign=${campaign}`,
  );
  const link = page.getByTestId("phone-link");
  await expect(link).not.toHaveText("+7 (495) 123-45-67", { timeout: 10_000 });
  const shown = (await link.innerText()).trim();
  // The format is kept, and the text and the link agree.
  expect(shown).toMatch(/^\+7 \(495\) \d{3}-\d{2}-\d{2}$/);
  await expect(link).toHaveAttribute("href", `tel:+${digitsOf(shown)}`);
  await expect(page.getByTestId("phone-text")).toHaveText(`Звоните: 8 (495) ${shown.slice(9)}`);
  return { context, number: digitsOf(shown) };
}

/** Settings → Telephony: the emulator's demo PBX, our notification address saved in it. */
async function connectDemoTelephony(page: Page, slug: string) {
  await page.goto(`/w/${slug}/settings/telephony`);
  await page.getByRole("button", { name: "Подключить демо-аккаунт эмулятора" }).click();
  await expect(page.getByTestId("telephony-status")).toHaveText("Подключено");
  await page.getByRole("button", { name: "Прописать в эмуляторе" }).click();
  await expect(page.getByTestId("telephony-webhook-confirmed")).toContainText(
    "Zadarma подтвердил этот адрес",
  );
  return openCallTheCompany(
    page.getByTestId("emulator-softphones").getByRole("link", { name: "Позвонить в компанию" }),
  );
}

/** Settings → Коллтрекинг: the site's own phone, a pool of two and a fallback number. */
async function setUpCallTracking(page: Page, slug: string) {
  await page.goto(`/w/${slug}/settings/call-tracking`);
  const card = page.getByTestId("ct-site-card-127.0.0.1");
  await card.getByTestId("ct-site-phones").fill("+7 (495) 123-45-67");
  await card.getByTestId("ct-save-site-phones").click();
  await expect(card.getByText("Сохранено")).toBeVisible();
  const addNumber = async (phone: string, usage: string) => {
    await page.getByTestId("ct-number-input").fill(phone);
    await page.getByTestId("ct-number-usage").selectOption({ label: usage });
    await page.getByTestId("ct-add-number").click();
    await expect(page.getByTestId("ct-number-input")).toHaveValue("");
  };
  for (const number of POOL) await addNumber(`+${number}`, "Пул (динамический)");
  await addNumber(`+${FALLBACK}`, "Резервный");
  await expect(card.getByTestId("ct-number-row")).toHaveCount(3);
}

/** A call's row, by the caller's last six digits however the table groups them. */
const callRow = (page: Page, callerPhone: string) =>
  page
    .locator('[data-testid="lead-row"][data-kind="call"]')
    .filter({ hasText: new RegExp(callerPhone.slice(-6).replace(/(\d{2})(?=\d)/g, "$1\\D?")) });

test("two ad visitors see two pool numbers and their calls are credited to their campaigns; the third sees the fallback: unidentified traffic", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signUpThroughUi(page, "Ирина Маркетолог");
  const slug = await createWorkspaceThroughUi(page, "Салон Лето");
  const snippet = await addSiteThroughUi(page, slug, "Лендинг");
  const caller = await connectDemoTelephony(page, slug);
  await setUpCallTracking(page, slug);
  customerSite.serve(landingWithPhone(snippet));

  const spring = await visitFromAd(browser, "spring_sale");
  const autumn = await visitFromAd(browser, "autumn_sale");
  expect(POOL).toContain(spring.number);
  expect(POOL).toContain(autumn.number);
  expect(autumn.number).not.toBe(spring.number);
  // Both pool numbers are held: the third visitor gets the site's fallback number.
  const winter = await visitFromAd(browser, "winter_sale");
  expect(winter.number).toBe(FALLBACK);

  // Each visitor dials the number they saw, from their own phone.
  const calls = [
    { from: "79161110001", to: spring.number },
    { from: "79161110002", to: autumn.number },
    { from: "79161110003", to: winter.number },
  ];
  for (const call of calls) {
    await caller.page.getByLabel("Company number").selectOption(call.to);
    await caller.dial(call.from);
    await caller.page.getByRole("button", { name: "Hang up", exact: true }).click();
    await expect(caller.state).toHaveAttribute("data-state", "ended");
  }

  await page.goto(`/w/${slug}/leads`);
  await expect(callRow(page, "79161110001")).toHaveAttribute("data-utm-campaign", "spring_sale", {
    timeout: PIPELINE_MS,
  });
  await expect(callRow(page, "79161110001")).toHaveAttribute("data-rule", "dynamic_number");
  await expect(callRow(page, "79161110002")).toHaveAttribute("data-utm-campaign", "autumn_sale", {
    timeout: PIPELINE_MS,
  });
  const unidentified = callRow(page, "79161110003");
  await expect(unidentified).toHaveAttribute("data-rule", "unidentified", { timeout: PIPELINE_MS });
  await expect(unidentified).toContainText("Неопознанный трафик");

  // The type filter: calls only.
  await page.getByRole("button", { name: /^Тип:/ }).click();
  await page.getByRole("checkbox", { name: "Звонок" }).check();
  await expect(page).toHaveURL(/[?&]kind=call/);
  await expect(page.locator('[data-testid="lead-row"][data-kind="call"]')).toHaveCount(3);

  // A call's row opens it on the Calls page, whose drawer says why it is credited there.
  await callRow(page, "79161110001").getByRole("cell").nth(1).click();
  await expect(page).toHaveURL(/\/calls\?(.*&)?call=/);
  const traffic = page.getByTestId("call-drawer").getByTestId("call-traffic");
  await expect(traffic.getByTestId("call-rule")).toHaveText("Динамический номер");
  await expect(traffic).toContainText("spring_sale");
  await page.goBack();

  // Analytics credits each call to its campaign; the fallback's call has no traffic.
  await page.getByRole("link", { name: "Отчёт" }).click();
  await page.getByRole("button", { name: "Раскрыть Реклама", exact: true }).click();
  await page.getByRole("button", { name: "Раскрыть Яндекс Директ", exact: true }).click();
  for (const campaign of ["spring_sale", "autumn_sale"])
    await expect(
      page
        .locator('[data-testid="report-row"][data-level="campaign"]')
        .filter({ hasText: campaign })
        .locator('[data-figure="calls"]'),
    ).toHaveText("1");

  for (const visitor of [spring, autumn, winter]) await visitor.context.close();
});
