import { expect, test } from "@playwright/test";

import { callProcedure, resultOf } from "./fixtures/api";
import { createWorkspaceThroughUi, signUpThroughUi } from "./fixtures/ui";

/** The 15th of last month: inside the grid's twelve months whatever the day and time zone. */
function lastMonthDay(): string {
  const day = new Date();
  day.setUTCDate(15);
  day.setUTCMonth(day.getUTCMonth() - 1);
  return day.toISOString().slice(0, 10);
}

const csvFile = (lines: string[]) => ({
  name: "costs.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(lines.join("\r\n"), "utf8"),
});

test("an owner enters a month's cost, sees a bad CSV refused by line, then imports the fixed one", async ({
  page,
}) => {
  test.setTimeout(40_000);
  await signUpThroughUi(page, "Ольга Расходы");
  const slug = await createWorkspaceThroughUi(page, "Салон Расходы");
  const sources = resultOf<{ id: string; presetKey: string | null }[]>(
    await callProcedure(page.request, { path: "sites.sources", type: "query", tenantSlug: slug }),
  );
  resultOf(
    await callProcedure(page.request, {
      path: "sites.createCampaign",
      type: "mutation",
      tenantSlug: slug,
      input: {
        name: "Весна",
        sourceId: sources.find((source) => source.presetKey === "yandex_direct")!.id,
        utmCampaigns: ["spring_sale"],
      },
    }),
  );

  await page.getByRole("link", { name: "Расходы" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/analytics/costs$`));
  await expect(page.getByRole("link", { name: "Расходы" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Отчёт" })).not.toHaveAttribute("aria-current");
  await expect(page.getByRole("link", { name: "Скачать шаблон" })).toHaveAttribute(
    "href",
    /^data:text\/csv/,
  );

  // This month's cell is the row's last: typed in Russian style, saved on Enter.
  const row = page.getByTestId("costs-row").filter({ hasText: "Весна" });
  const thisMonth = row.getByRole("textbox").last();
  await thisMonth.fill("15 000");
  await thisMonth.press("Enter");
  await expect(row.getByRole("textbox").last()).toHaveValue("15000");
  const total = page.getByTestId("costs-total");
  await expect(total).toContainText(/15\s000\s₽/);

  // One unknown campaign on line 3: nothing is imported, the line is named.
  const day = lastMonthDay();
  await page
    .getByLabel("CSV-файл")
    .setInputFiles(
      csvFile([
        "Дата;Кампания;Сумма",
        `${day};Весна;1 000,50`,
        `${day};Осень;100`,
        `${day};spring_sale;500`,
      ]),
    );
  await page.getByRole("button", { name: "Загрузить" }).click();
  const errors = page.getByTestId("costs-import-errors");
  await expect(errors.getByRole("row")).toHaveCount(2);
  await expect(errors.getByRole("row").nth(1)).toContainText("3");
  await expect(errors.getByRole("row").nth(1)).toContainText("Нет такой кампании: «Осень»");
  await expect(page.getByText("Файл не импортирован")).toBeVisible();
  await expect(row).not.toContainText("из CSV");

  // Fixed: both rows of the day are summed into last month's cell.
  await page
    .getByLabel("CSV-файл")
    .setInputFiles(
      csvFile(["Дата;Кампания;Сумма", `${day};Весна;1 000,50`, `${day};spring_sale;500`]),
    );
  await page.getByRole("button", { name: "Загрузить" }).click();
  await expect(page.getByTestId("costs-import-result")).toHaveText("Импортировано: 2 строки.");
  await expect(errors).toHaveCount(0);
  await expect(row).toContainText(/\+ 1\s500,50\s₽ из CSV/);
});
