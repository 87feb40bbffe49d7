import { expect, test } from "@playwright/test";

import { callProcedure, createSignedInApi, resultOf } from "./fixtures/api";
import { seedDeals, seedReferenceNames } from "./fixtures/seed-deals";

/** Seeded deals have no communications, so each falls back to the source its client declared. */
const DEAL_COUNT = 8;

test("Settings → Атрибуция: a new model recomputes the deals with progress, and an unmapped client source is mapped", async ({
  browser,
  baseURL,
}) => {
  const owner = await createSignedInApi(baseURL!, "attribution-owner");
  const workspace = resultOf<{ id: string; slug: string }>(
    await callProcedure(owner.api, {
      path: "account.createWorkspace",
      type: "mutation",
      input: { name: "Салон Атрибуция" },
    }),
  );
  const { connectionId } = await seedDeals({ tenantId: workspace.id, count: DEAL_COUNT });
  await seedReferenceNames(workspace.id, connectionId);
  const context = await browser.newContext({ storageState: await owner.api.storageState() });
  const page = await context.newPage();

  await page.goto(`/w/${workspace.slug}/deals`);
  await page
    .getByRole("navigation", { name: "main" })
    .getByRole("link", { name: "Атрибуция" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/w/${workspace.slug}/settings/attribution$`));
  await expect(page.getByRole("heading", { name: "Атрибуция", level: 1 })).toBeVisible();

  const modelCard = page.getByTestId("attribution-model");
  await expect(modelCard.getByRole("radio", { name: /Последний непрямой/ })).toBeChecked();

  // A window outside 1–365 is refused before anything is saved, naming the field.
  const windowField = modelCard.getByLabel("Окно атрибуции, дней");
  await windowField.fill("0");
  await modelCard.getByRole("button", { name: "Сохранить" }).click();
  await expect(modelCard).toContainText("Окно атрибуции — целое число дней от 1 до 365.");

  await windowField.fill("30");
  await modelCard.getByRole("radio", { name: /^Первый/ }).check();
  await modelCard.getByRole("button", { name: "Сохранить" }).click();
  await expect(modelCard.getByRole("status")).toHaveText(
    "Настройки сохранены. Сделки пересчитываются по новым настройкам.",
  );
  const progress = page.getByTestId("deal-recompute-progress");
  await expect(progress).toContainText(
    `Сохранённые сделки пересчитаны по текущим настройкам: ${DEAL_COUNT} сделок`,
    { timeout: 15_000 },
  );

  // The seeded clients declared «Instagram»: unmapped, listed first, mapped from its row.
  const mappings = page.getByTestId("lead-source-mappings");
  const instagram = mappings.getByTestId("lead-source-row").filter({ hasText: "Instagram" });
  await expect(instagram).toContainText("Не сопоставлено");
  await instagram
    .getByRole("combobox", { name: "Источник для «Instagram»" })
    .selectOption({ label: "Социальные сети" });
  await expect(
    mappings.getByText("Сопоставление сохранено. Сделки пересчитываются."),
  ).toBeVisible();
  await expect(instagram).not.toContainText("Не сопоставлено");
  await expect(
    instagram.getByRole("button", { name: "Убрать сопоставление «Instagram»" }),
  ).toBeVisible();
  await expect(progress).toContainText("Сохранённые сделки пересчитаны", { timeout: 15_000 });
  // The mapping is stored, not just shown: a reload still lists the value as mapped.
  await page.reload();
  await expect(
    page.getByTestId("lead-source-row").filter({ hasText: "Instagram" }),
  ).not.toContainText("Не сопоставлено");

  await context.close();
  await owner.api.dispose();
});
