import { expect, test, type Locator, type Page } from "@playwright/test";

import { callProcedure, createSignedInApi, resultOf } from "./fixtures/api";
import { seedDeals, type TSeedDeal } from "./fixtures/seed-deals";

/** Ten hours ahead of UTC (the browser's zone here): its days start at 14:00 UTC the day before. */
const TIME_ZONE = "Asia/Vladivostok";
const DAY_MS = 86_400_000;
const MONTHS = [
  "январь",
  "февраль",
  "март",
  "апрель",
  "май",
  "июнь",
  "июль",
  "август",
  "сентябрь",
  "октябрь",
  "ноябрь",
  "декабрь",
];
const MONTHS_OF = [
  "января",
  "февраля",
  "марта",
  "апреля",
  "мая",
  "июня",
  "июля",
  "августа",
  "сентября",
  "октября",
  "ноября",
  "декабря",
];

/** The calendar day `YYYY-MM-DD` of an instant on the workspace's clock. */
const workspaceDay = (instant: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(instant);
const addDays = (day: string, count: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
const partsOf = (day: string) => day.split("-").map(Number) as [number, number, number];

/** A day's button: DayPicker names it in Russian, «пятница, 4 декабря 2026 г.» (today's starts «Сегодня, »). */
const dayButton = (calendar: Locator, day: string) => {
  const [year, month, date] = partsOf(day);
  return calendar.getByRole("button", {
    name: new RegExp(`(?:^|\\s)${date} ${MONTHS_OF[month - 1]} ${year}`),
  });
};
/** How the picker's button writes a day: «4 дек.», «1 сент.» (the month cut short). */
const shortDayPattern = (day: string) => {
  const [, month, date] = partsOf(day);
  return `${date}\\s${MONTHS_OF[month - 1]!.slice(0, 3)}`;
};
/** A period on the button: «1–2 дек. 2026 г.», or «30 нояб. – 2 дек. 2026 г.» across months. */
const periodPattern = (first: string, last: string) =>
  new RegExp(`^${partsOf(first)[2]}\\b.*\\b${shortDayPattern(last)}`);
const dealsCreatedWithin = (deals: TSeedDeal[], from: string, to: string) =>
  deals.filter((deal) => {
    const day = workspaceDay(deal.crmCreatedAt);
    return day >= from && day <= to;
  }).length;

async function openDealsOfWorkspaceInVladivostok(page: Page, baseURL: string) {
  const owner = await createSignedInApi(baseURL, "picker-owner");
  const workspace = resultOf<{ id: string; slug: string }>(
    await callProcedure(owner.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Салон на Светланской", timezone: TIME_ZONE },
    }),
  );
  // Thirty deals three hours apart: the last four days of the workspace, newest first.
  const { deals } = await seedDeals({ tenantId: workspace.id, count: 30 });
  await page.context().addCookies((await owner.api.storageState()).cookies);
  await owner.api.dispose();
  await page.goto(`/w/${workspace.slug}/deals`);
  return { slug: workspace.slug, deals };
}

test("the period picker filters by presets and clicked days of the workspace, in Russian", async ({
  page,
  baseURL,
}) => {
  const { slug, deals } = await openDealsOfWorkspaceInVladivostok(page, baseURL!);
  const total = page.getByTestId("table-total");
  const picker = page.getByRole("button", { name: /^Создана:/ });
  const calendar = page.getByRole("dialog", { name: "Создана" });
  await expect(total).toHaveText("Всего: 30");
  await expect(picker).toHaveText("Весь период");

  // Two months, this one on the right, named in Russian, weeks from Monday; Esc closes.
  const today = workspaceDay(new Date());
  const [year, month] = partsOf(today);
  const previousMonth = month === 1 ? 12 : month - 1;
  await picker.click();
  await expect(calendar.getByRole("grid")).toHaveCount(2);
  await expect(calendar.getByRole("grid").nth(1)).toHaveAccessibleName(
    `${MONTHS[month - 1]} ${year}`,
  );
  await expect(calendar.getByRole("grid").first()).toHaveAccessibleName(
    `${MONTHS[previousMonth - 1]} ${month === 1 ? year - 1 : year}`,
  );
  await expect(calendar.getByRole("grid").first().locator("thead th").first()).toHaveText("пн");
  await page.keyboard.press("Escape");
  await expect(calendar).toBeHidden();
  await expect(picker).toBeFocused();

  // A preset: yesterday of the workspace, whatever day the browser's clock is on.
  const yesterday = addDays(today, -1);
  await picker.click();
  await calendar.getByRole("button", { name: "Вчера" }).click();
  await expect(calendar).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`[?&]from=${yesterday}&to=${yesterday}(&|$)`));
  await expect(total).toHaveText(`Всего: ${dealsCreatedWithin(deals, yesterday, yesterday)}`);
  await expect(picker).toHaveText(new RegExp(`^${shortDayPattern(yesterday)}`));
  await picker.click();
  await expect(calendar.getByRole("button", { name: "Вчера" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  // A range of two clicks; the first one alone changes nothing yet.
  const [first, last] = [addDays(today, -3), addDays(today, -2)];
  await dayButton(calendar, first).click();
  await expect(calendar.getByText("Теперь выберите последний день")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`from=${yesterday}`));
  await dayButton(calendar, last).click();
  await expect(calendar).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`[?&]from=${first}&to=${last}(&|$)`));
  const inRange = dealsCreatedWithin(deals, first, last);
  await expect(total).toHaveText(`Всего: ${inRange}`);
  await expect(picker).toHaveText(periodPattern(first, last));
  const rangeText = await picker.textContent();

  // A link with the period (as before the picker) shows the same days and rows.
  await page.goto(`/w/${slug}/deals?from=${first}&to=${last}`);
  await expect(total).toHaveText(`Всего: ${inRange}`);
  await expect(picker).toHaveText(rangeText!);

  // A click outside closes without a change; «Сбросить период» lifts the period.
  await picker.click();
  await page.getByRole("heading", { name: "Сделки" }).click();
  await expect(calendar).toBeHidden();
  await picker.click();
  await calendar.getByRole("button", { name: "Сбросить период" }).click();
  await expect(page).not.toHaveURL(/[?&](from|to)=/);
  await expect(total).toHaveText("Всего: 30");
  await expect(picker).toHaveText("Весь период");
});

test("the period picker works from the keyboard", async ({ page, baseURL }) => {
  const { deals } = await openDealsOfWorkspaceInVladivostok(page, baseURL!);
  const picker = page.getByRole("button", { name: /^Создана:/ });
  const calendar = page.getByRole("dialog", { name: "Создана" });
  const today = workspaceDay(new Date());

  await picker.focus();
  await page.keyboard.press("Enter");
  // The calendar takes focus on today; the arrows walk the days, Enter picks.
  await expect(dayButton(calendar, today)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Enter");
  await expect(calendar).toBeHidden();
  const [first, last] = [addDays(today, -2), addDays(today, -1)];
  await expect(page).toHaveURL(new RegExp(`[?&]from=${first}&to=${last}(&|$)`));
  await expect(page.getByTestId("table-total")).toHaveText(
    `Всего: ${dealsCreatedWithin(deals, first, last)}`,
  );
  await expect(picker).toBeFocused();
});
