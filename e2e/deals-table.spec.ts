import { expect, test, type Browser, type Page } from "@playwright/test";

import { callProcedure, createSignedInApi, resultOf } from "./fixtures/api";
import {
  buildSeedDeal,
  insertDeal,
  moveDealToStage,
  seedDeals,
  UNIQUE_CLIENT,
  type TSeededDeals,
} from "./fixtures/seed-deals";

type TWorkspace = { id: string; slug: string };

/** A fresh owner and workspace (through the API), optionally with seeded deals, viewed in a signed-in browser. */
async function openDealsPage(browser: Browser, baseURL: string, dealCount: number) {
  const owner = await createSignedInApi(baseURL, "deals-owner");
  const workspace = resultOf<TWorkspace>(
    await callProcedure(owner.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Салон Лотос" },
    }),
  );
  const seeded: TSeededDeals | null =
    dealCount > 0 ? await seedDeals({ tenantId: workspace.id, count: dealCount }) : null;
  const context = await browser.newContext({ storageState: await owner.api.storageState() });
  const page = await context.newPage();
  await page.goto(`/w/${workspace.slug}/deals`);
  return {
    page,
    workspace,
    seeded: seeded!,
    close: () => Promise.all([context.close(), owner.api.dispose()]),
  };
}

const rows = (page: Page) => page.getByTestId("deal-row");
const externalIds = (page: Page) =>
  rows(page).evaluateAll((items) =>
    items.map((item) => item.getAttribute("data-deal-external-id")),
  );
const columnHeader = (page: Page, name: string) =>
  page.getByTestId("deals-table").getByRole("columnheader", { name, exact: true });
/** A Russian mobile number as the tables show it (libphonenumber's international format). */
const shownPhone = (e164: string) =>
  e164.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, "+7 $1 $2 $3 $4");

test("a workspace without deals shows how deals will arrive", async ({ browser, baseURL }) => {
  const { page, workspace, close } = await openDealsPage(browser, baseURL!, 0);
  await expect(page.getByRole("heading", { name: "Сделок пока нет" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Подключить Клиентикс" })).toHaveAttribute(
    "href",
    `/w/${workspace.slug}/settings/integrations/klientiks`,
  );
  await expect(page.getByTestId("deals-table")).toHaveCount(0);
  await close();
});

test("deals are listed newest first, sort by amount, and filter by stage and search text", async ({
  browser,
  baseURL,
}) => {
  const { page, workspace, seeded, close } = await openDealsPage(browser, baseURL!, 30);
  const newest = seeded.deals[0]!;

  await expect(rows(page)).toHaveCount(25);
  await expect(page.getByTestId("table-total")).toHaveText("Всего: 30");
  await expect(columnHeader(page, "Создана в CRM")).toHaveAttribute("aria-sort", "descending");
  const first = rows(page).first();
  await expect(first).toHaveAttribute("data-deal-external-id", newest.externalId);
  await expect(first).toHaveAttribute("data-stage", newest.status);
  await expect(first).toContainText(/2\s500\s₽/);
  await expect(first).toContainText("Записан");
  await expect(first).toContainText(shownPhone(newest.contact.phone));

  // Sorting happens on the server, across all 30 deals, not only the visible 25.
  const byAmount = [...seeded.deals].sort((a, b) => a.amountMinor - b.amountMinor);
  await columnHeader(page, "Сумма").getByRole("button").click();
  await expect(columnHeader(page, "Сумма")).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).first()).toHaveAttribute(
    "data-deal-external-id",
    byAmount.at(-1)!.externalId,
  );
  await columnHeader(page, "Сумма").getByRole("button").click();
  await expect(columnHeader(page, "Сумма")).toHaveAttribute("aria-sort", "ascending");
  await expect(rows(page).first()).toHaveAttribute(
    "data-deal-external-id",
    byAmount[0]!.externalId,
  );
  await expect(page).toHaveURL(/sort=amountMinor&dir=asc/);

  const confirmed = seeded.deals.filter((deal) => deal.status === "confirmed");
  await page.getByRole("button", { name: /^Этап:/ }).click();
  await page.getByRole("checkbox", { name: "Подтверждён" }).check();
  await page.keyboard.press("Escape");
  await expect(rows(page)).toHaveCount(confirmed.length);
  for (const row of await rows(page).all())
    await expect(row).toHaveAttribute("data-stage", "confirmed");
  await expect(page).toHaveURL(/stage=confirmed/);

  // The export link carries the same filter and order.
  const href = await page.getByRole("link", { name: "Скачать CSV" }).getAttribute("href");
  const exportUrl = new URL(href!, baseURL);
  expect(exportUrl.pathname).toBe("/api/export/deals");
  expect(exportUrl.searchParams.get("slug")).toBe(workspace.slug);
  expect(JSON.parse(exportUrl.searchParams.get("filters")!)).toEqual({
    stages: ["confirmed"],
    includeSales: true,
  });
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const [csvHeader, ...csvLines] = (await csv.text()).trim().split("\n");
  // Russian Excel's dialect (semicolons, decimal comma), titled in the reader's language; instants on
  // the workspace's clock, which the title names as people read it.
  expect(csvHeader).toMatch(
    /^\uFEFF?ID визита в Клиентикс;Сделка;Сумма;.*;Создана в CRM, Москва \(UTC\+3\);/,
  );
  expect(csvLines.every((line) => /^\d+;[^;]+;\d+,\d\d;RUB;Подтверждён;В работе;/.test(line))).toBe(
    true,
  );
  // Rows in the table's order (cheapest first, as sorted above), not only the same rows.
  expect(csvLines.map((line) => line.split(";")[0])).toEqual(await externalIds(page));

  await page.getByRole("button", { name: "Сбросить фильтры" }).click();
  await expect(rows(page)).toHaveCount(25);

  await page.getByRole("searchbox", { name: "Поиск" }).fill("белоусова");
  await expect(page).toHaveURL(/q=%D0%B1%D0%B5%D0%BB/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(UNIQUE_CLIENT.name);
  await page.getByRole("searchbox", { name: "Поиск" }).fill("903 555 00 11");
  await expect(page).toHaveURL(/q=903/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(shownPhone(UNIQUE_CLIENT.phone));

  // The filtered view survives a reload: its state is in the URL.
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Поиск" })).toHaveValue("903 555 00 11");
  await expect(rows(page)).toHaveCount(1);
  await close();
});

test("a row opens the deal drawer with history, custom fields and the raw JSON", async ({
  browser,
  baseURL,
}) => {
  const { page, workspace, seeded, close } = await openDealsPage(browser, baseURL!, 30);
  const { featured } = seeded;

  await page.locator(`[data-deal-external-id="${featured.externalId}"]`).click();
  const drawer = page.getByRole("dialog", { name: featured.name });
  await expect(drawer).toBeVisible();
  await expect(drawer).toHaveAttribute("data-testid", "deal-drawer");
  await expect(page).toHaveURL(new RegExp(`deal=${featured.id}`));

  const history = drawer.getByTestId("deal-stage-history");
  await expect(history.getByRole("listitem")).toHaveText([
    /Создана: Записан/,
    /Записан → Подтверждён/,
    /Подтверждён → Визит завершён/,
  ]);
  await expect(drawer.getByTestId("deal-custom-fields")).toContainText("VIP-клиент");
  await expect(drawer.getByTestId("deal-custom-fields")).toContainText("A-7");
  await expect(drawer).toContainText(featured.contact.email);
  await expect(drawer).toContainText(featured.contact.leadSource);
  await expect(drawer).toContainText(featured.responsibleName);

  await expect(drawer.getByTestId("deal-raw-json")).toBeHidden();
  await drawer.getByText("Показать JSON").click();
  await expect(drawer.getByTestId("deal-raw-json")).toContainText(`"id": ${featured.externalId}`);

  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).not.toHaveURL(/deal=/);

  // A link to a deal opens it directly; the close button closes it.
  await page.goto(`/w/${workspace.slug}/deals?deal=${featured.id}`);
  await expect(page.getByRole("dialog", { name: featured.name })).toBeVisible();
  await page.getByRole("button", { name: "Закрыть" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await close();
});

test("a column shown or hidden stays so after a reload, and pages are navigable", async ({
  browser,
  baseURL,
}) => {
  const { page, close } = await openDealsPage(browser, baseURL!, 30);
  // E-mail is off by default (the drawer shows it), so the default columns fit a laptop screen.
  await expect(columnHeader(page, "Телефон")).toBeVisible();
  await expect(columnHeader(page, "E-mail")).toHaveCount(0);
  await page.getByRole("button", { name: /^Столбцы/ }).click();
  await page.getByRole("checkbox", { name: "E-mail" }).check();
  await page.getByRole("checkbox", { name: "Телефон" }).uncheck();
  await page.keyboard.press("Escape");
  await expect(columnHeader(page, "Телефон")).toHaveCount(0);
  await page.reload();
  await expect(rows(page)).toHaveCount(25);
  await expect(columnHeader(page, "Телефон")).toHaveCount(0);
  await expect(columnHeader(page, "E-mail")).toBeVisible();

  const pageOne = await externalIds(page);
  await expect(page.getByText("Страница 1 из 2")).toBeVisible();
  await page.getByRole("button", { name: "Вперёд" }).click();
  await expect(page.getByText("Страница 2 из 2")).toBeVisible();
  await expect(rows(page)).toHaveCount(5);
  await expect(page).toHaveURL(/page=2/);
  expect((await externalIds(page)).filter((id) => pageOne.includes(id))).toEqual([]);
  await expect(page.getByRole("button", { name: "Вперёд" })).toBeDisabled();
  await page.getByRole("button", { name: "Назад" }).click();
  await expect(page.getByText("Страница 1 из 2")).toBeVisible();

  await page.getByLabel("Строк на странице").selectOption("50");
  await expect(rows(page)).toHaveCount(30);
  await expect(page.getByText("Страница 1 из 1")).toBeVisible();
  await close();
});

test("new and changed deals appear without a reload", async ({ browser, baseURL }) => {
  const { page, workspace, seeded, close } = await openDealsPage(browser, baseURL!, 6);
  await expect(rows(page)).toHaveCount(6);
  const target = seeded.deals[1]!;
  await expect(page.locator(`[data-deal-external-id="${target.externalId}"]`)).toHaveAttribute(
    "data-stage",
    target.status,
  );

  const arrived = buildSeedDeal(40, new Date(), { crmCreatedAt: new Date() });
  await insertDeal(workspace.id, seeded.connectionId, arrived);
  await moveDealToStage(workspace.id, target.id, "cancelled");

  await expect(rows(page).first()).toHaveAttribute("data-deal-external-id", arrived.externalId, {
    timeout: 15_000,
  });
  await expect(rows(page)).toHaveCount(7);
  await expect(page.locator(`[data-deal-external-id="${target.externalId}"]`)).toHaveAttribute(
    "data-stage",
    "cancelled",
  );
  await close();
});

/** Elements reaching past the viewport's sides, except inside a box that scrolls or clips them (a wide table's card). */
const elementsOutsideViewport = (page: Page) =>
  page.evaluate(() => {
    const isClipped = (element: Element) => {
      for (let box = element.parentElement; box; box = box.parentElement)
        if (getComputedStyle(box).overflowX !== "visible") return true;
      return false;
    };
    const outside = [...document.body.querySelectorAll("*")].filter((element) => {
      const box = element.getBoundingClientRect();
      return (
        box.width > 0 && (box.left < -1 || box.right > window.innerWidth + 1) && !isClipped(element)
      );
    });
    return {
      pageWidth: document.documentElement.scrollWidth,
      outside: outside.map((element) => element.outerHTML.slice(0, 120)),
    };
  });

/** Pairs of filters whose boxes intersect. */
const overlappingFilters = (page: Page) =>
  page.getByTestId("filter-bar").evaluate((bar) => {
    const boxes = [...bar.children].map((child) => ({
      name: child.textContent?.slice(0, 30) ?? "",
      box: child.getBoundingClientRect(),
    }));
    return boxes.flatMap((a, index) =>
      boxes
        .slice(index + 1)
        .filter(
          (b) =>
            a.box.left < b.box.right - 1 &&
            b.box.left < a.box.right - 1 &&
            a.box.top < b.box.bottom - 1 &&
            b.box.top < a.box.bottom - 1,
        )
        .map((b) => `${a.name} × ${b.name}`),
    );
  });

test("a phone gets a menu button and stacked filters; a 1440 px screen fits the default columns", async ({
  browser,
  baseURL,
}) => {
  const { page, close } = await openDealsPage(browser, baseURL!, 30);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(rows(page)).toHaveCount(25);
  const navigation = page.getByRole("navigation", { name: "main" });
  await expect(navigation).toBeHidden();
  expect(await elementsOutsideViewport(page)).toEqual({ pageWidth: 390, outside: [] });
  expect(await overlappingFilters(page)).toEqual([]);

  await page.getByRole("button", { name: "Меню" }).click();
  await expect(navigation).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(navigation).toBeHidden();
  await page.getByRole("button", { name: "Меню" }).click();
  await navigation.getByRole("link", { name: "Обращения и цели" }).click();
  await expect(page).toHaveURL(/\/leads$/);
  await expect(navigation).toBeHidden();

  await page.goBack();
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(rows(page)).toHaveCount(25);
  await expect(navigation).toBeVisible();
  await expect(page.getByRole("button", { name: "Меню" })).toBeHidden();
  const table = page.getByTestId("deals-table");
  const { table: tableWidth, room } = await table.evaluate((element) => ({
    table: element.scrollWidth,
    room: element.parentElement!.clientWidth,
  }));
  expect(tableWidth).toBeLessThanOrEqual(room);
  await close();
});
