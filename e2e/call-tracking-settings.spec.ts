import { expect, test } from "@playwright/test";

import { callProcedure, createSignedInApi, resultOf } from "./fixtures/api";

test("Settings → Коллтрекинг: an owner sets the site's phone, adds pool, fallback and static numbers, and sizes the pool", async ({
  browser,
  baseURL,
}) => {
  const owner = await createSignedInApi(baseURL!, "call-tracking-owner");
  const workspace = resultOf<{ slug: string }>(
    await callProcedure(owner.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Салон Коллтрекинг" },
    }),
  );
  resultOf(
    await callProcedure(owner.api, {
      path: "sites.create",
      type: "mutation",
      input: { domain: "ct-salon.example", name: "Салон" },
      tenantSlug: workspace.slug,
    }),
  );
  const context = await browser.newContext({ storageState: await owner.api.storageState() });
  const page = await context.newPage();

  await page.goto(`/w/${workspace.slug}/settings/sites`);
  await page
    .getByRole("navigation", { name: "main" })
    .getByRole("link", { name: "Коллтрекинг" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/w/${workspace.slug}/settings/call-tracking$`));
  await expect(page.getByRole("heading", { name: "Коллтрекинг", level: 1 })).toBeVisible();

  // The site's own phone, typed the Russian way, is kept in E.164 and shown grouped.
  const card = page.getByTestId("ct-site-card-ct-salon.example");
  await card.getByTestId("ct-site-phones").fill("8 (495) 123-45-67");
  await card.getByTestId("ct-save-site-phones").click();
  await expect(card.getByText("Сохранено")).toBeVisible();
  await expect(card.getByTestId("ct-site-phones")).toHaveValue("+7 495 123 45 67");

  const addNumber = async (phone: string, usage: string) => {
    await page.getByTestId("ct-number-input").fill(phone);
    await page.getByTestId("ct-number-usage").selectOption({ label: usage });
    if (usage === "Статический")
      await page.getByTestId("ct-number-source").selectOption({ label: "Яндекс Директ" });
    await page.getByTestId("ct-add-number").click();
    await expect(page.getByTestId("ct-number-input")).toHaveValue("");
  };
  await addNumber("+7 999 000-00-01", "Пул (динамический)");
  await addNumber("8 999 000 00 02", "Пул (динамический)");
  await addNumber("+79990000003", "Резервный");
  await addNumber("9990000004", "Статический");

  await expect(card.getByTestId("ct-number-row")).toHaveCount(3);
  await expect(card.getByTestId("ct-number-phone")).toHaveText([
    "+7 999 000 00 01",
    "+7 999 000 00 02",
    "+7 999 000 00 03",
  ]);
  await expect(card.getByText("свободен")).toHaveCount(2);
  await expect(card.getByTestId("ct-fallback-number")).toContainText("+7 999 000 00 03");
  const staticNumbers = page.getByTestId("ct-static-numbers");
  await expect(staticNumbers.getByTestId("ct-number-row")).toHaveText(
    /\+7 999 000 00 04.*Яндекс Директ · Любой сайт/,
  );

  // A second fallback for the site is refused under the field it concerns.
  await page.getByTestId("ct-number-input").fill("+79990000005");
  await page.getByTestId("ct-number-usage").selectOption({ label: "Резервный" });
  await page.getByTestId("ct-add-number").click();
  await expect(page.getByText("у сайта уже есть резервный номер")).toBeVisible();

  // 1000 visits a day, 5-minute visits, 15-minute hold, 95 %: about 33 at once, 43 numbers.
  const calculator = page.getByTestId("ct-calculator");
  await calculator.getByTestId("ct-calc-visitors").fill("1000");
  await calculator.getByTestId("ct-calc-visit").fill("5");
  await calculator.getByTestId("ct-calc-hold").fill("15");
  await calculator.getByTestId("ct-calc-coverage").fill("95");
  await expect(calculator.getByTestId("ct-calc-result")).toHaveText("43");
  await context.close();
});
