import { expect, test } from "@playwright/test";

import { landingHtml, startCustomerSite, type TCustomerSite } from "./fixtures/customer-site";
import { E2E_APP_URL, E2E_EMULATOR_PORT, E2E_EMULATOR_URL } from "./fixtures/ports";
import { createWorkspaceThroughUi, signUpThroughUi } from "./fixtures/ui";

const WIDGET_URL = `${E2E_EMULATOR_URL}/app/united/demo-salon`;

let customerSite: TCustomerSite;

test.beforeAll(async () => {
  customerSite = await startCustomerSite();
});

test.afterAll(async () => {
  await customerSite.close();
});

test("an admin adds a site, pastes the snippet, and an ad visit is recorded with its campaign", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E_APP_URL });
  await signUpThroughUi(page, "Вера Админ");
  await createWorkspaceThroughUi(page, "Салон Лето");

  await page.getByRole("link", { name: "Сайты" }).click();
  await expect(page.getByText("Сайтов пока нет.")).toBeVisible();
  await page.getByLabel("Домен").fill("http://127.0.0.1/");
  await page.getByLabel("Название сайта").fill("Лендинг");
  await page.getByRole("button", { name: "Добавить сайт" }).click();
  const card = page.getByTestId("site-card");
  await expect(card.getByText("127.0.0.1", { exact: true })).toBeVisible();

  const snippet = await card.getByTestId("site-snippet").inputValue();
  expect(snippet).toMatch(
    new RegExp(
      `^<script async src="${E2E_APP_URL}/t\\.js" data-site="[A-Za-z0-9_-]{22}"></script>$`,
    ),
  );
  await card.getByRole("button", { name: "Копировать" }).click();
  await expect(card.getByRole("button", { name: "Скопировано" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

  // The emulator's widget lives on localhost, so its address is added to the widget patterns.
  await card
    .getByLabel("Адреса виджета онлайн-записи")
    .fill(`klientiks.ru/app/\n127.0.0.1:${E2E_EMULATOR_PORT}/app/`);
  await card.getByRole("button", { name: "Сохранить адреса" }).click();
  await expect(card.getByText("Сохранено")).toBeVisible();

  customerSite.serve(landingHtml(snippet, WIDGET_URL));
  const landing = await context.newPage();
  const pageView = landing.waitForResponse(
    (response) =>
      response.url() === `${E2E_APP_URL}/api/track` && response.request().method() === "POST",
  );
  await landing.goto(
    `${customerSite.origin}/landing.html?utm_source=yandex&utm_medium=cpc&utm_campaign=spring_sale&yclid=5550001`,
  );
  const answer = await pageView;
  expect(answer.status()).toBe(202);
  expect(await answer.json()).toEqual({
    ok: true,
    widgetUrlPatterns: ["klientiks.ru/app/", `127.0.0.1:${E2E_EMULATOR_PORT}/app/`],
    captureContacts: false,
    // No call tracking on this site: the tracker leaves its phone alone.
    phones: null,
  });

  // The booking link now carries the session id, and following it opens the emulator's widget with it.
  const book = landing.locator("#book");
  await expect(book).toHaveAttribute("href", /[?&]svyaz_sid=[0-9a-f]{32}$/);
  const sessionId = new URL((await book.getAttribute("href"))!).searchParams.get("svyaz_sid");
  const widgetOpen = landing.waitForRequest(
    (request) =>
      request.url() === `${E2E_APP_URL}/api/track` &&
      request.postData()?.includes('"widget_open"') === true,
  );
  await book.click();
  await expect(landing).toHaveURL(new RegExp(`/app/united/demo-salon\\?svyaz_sid=${sessionId}$`));
  expect(JSON.parse((await widgetOpen).postData()!)).toMatchObject({
    type: "widget_open",
    sessionId,
  });

  // Back in Svyaz: the visit, attributed server-side, with the campaign created from its UTM tag.
  await page.reload();
  const visit = card.getByTestId("recent-session");
  await expect(visit).toHaveCount(1, { timeout: 15_000 });
  await expect(visit).toContainText("Яндекс Директ");
  await expect(visit).toContainText("Реклама");
  await expect(visit).toContainText("spring_sale");
  await expect(visit).toContainText("/landing.html?utm_source=yandex");
  await expect(visit.locator("td").last()).toHaveText("1", { timeout: 15_000 });
  await expect(page.getByTestId("campaign-row").filter({ hasText: "spring_sale" })).toContainText(
    "создана автоматически",
  );
});

test("/t.js is served small and cacheable, and /api/track refuses unknown keys and answers preflights", async ({
  request,
}) => {
  const script = await request.get("/t.js");
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toContain("javascript");
  expect(script.headers()["cache-control"]).toContain("max-age=");
  expect((await script.body()).length).toBeLessThan(16 * 1024);

  const hit = {
    type: "pageview",
    siteKey: "no-such-site-key-000000",
    visitorId: "visitor-00000001",
    sessionId: "session-00000001",
    url: "https://evil.example/",
  };
  const unknown = await request.post("/api/track", {
    data: JSON.stringify(hit),
    headers: {
      "content-type": "text/plain",
      origin: "https://evil.example",
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36",
    },
  });
  expect(unknown.status()).toBe(404);
  const preflight = await request.fetch("/api/track", {
    method: "OPTIONS",
    headers: { origin: "https://salon.example", "access-control-request-method": "POST" },
  });
  expect(preflight.status()).toBe(204);
});
