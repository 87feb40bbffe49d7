import { expect, test } from "@playwright/test";
import { createWorkspaceThroughUi, signUpThroughUi } from "./fixtures/ui";

test("an invite link joins a second user as agent, who cannot manage members", async ({ page, browser }) => {
  await signUpThroughUi(page, "Ольга Владелец");
  const slug = await createWorkspaceThroughUi(page, "Студия Ольги");

  await page.getByRole("link", { name: "Участники" }).click();
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await page.getByLabel("Роль приглашённого").selectOption("agent");
  await page.getByRole("button", { name: "Создать ссылку" }).click();
  const inviteUrl = await page.getByTestId("invite-url").inputValue();
  expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByText(/Сотрудник · Действует до/)).toBeVisible();

  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await agentPage.goto(inviteUrl);
  await expect(agentPage).toHaveURL(/\/sign-in\?next=/);
  await agentPage.getByRole("link", { name: "Зарегистрируйтесь" }).click();
  await expect(agentPage).toHaveURL(/\/sign-up\?next=/);
  await signUpThroughUi(agentPage, "Павел Сотрудник", { startAt: agentPage.url() });
  await expect(agentPage.getByText("Вас пригласили в пространство «Студия Ольги» с ролью «Сотрудник».")).toBeVisible();
  await agentPage.getByRole("button", { name: "Присоединиться" }).click();
  await expect(agentPage).toHaveURL(new RegExp(`/w/${slug}/deals$`));
  await expect(agentPage.getByText("Сотрудник", { exact: false }).first()).toBeVisible();

  // Agents see no Members entry, and opening the page directly is refused.
  await expect(agentPage.getByRole("link", { name: "Участники" })).toHaveCount(0);
  await agentPage.goto(`/w/${slug}/members`);
  await expect(agentPage.getByTestId("members-forbidden")).toBeVisible();

  // The link is single-use.
  await agentPage.goto(inviteUrl);
  await expect(agentPage.getByText(/Ссылка-приглашение недействительна/)).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  await agentContext.close();
});

test("the last owner cannot be removed or demoted, and users switch between workspaces", async ({ page }) => {
  await signUpThroughUi(page, "Ирина");
  const firstSlug = await createWorkspaceThroughUi(page, "Первый салон");
  await page.goto(`/w/${firstSlug}/members`);
  await page.getByLabel("Изменить роль: Ирина").selectOption("admin");
  await expect(page.getByText("В пространстве должен остаться хотя бы один владелец.")).toBeVisible();

  await page.getByLabel("Сменить пространство").selectOption("__new");
  const secondSlug = await createWorkspaceThroughUi(page, "Второй салон");
  expect(secondSlug).not.toBe(firstSlug);
  await page.getByLabel("Сменить пространство").selectOption(firstSlug);
  await expect(page).toHaveURL(new RegExp(`/w/${firstSlug}/deals$`));
});
