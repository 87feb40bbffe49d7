import { expect, test } from "@playwright/test";

import { createWorkspaceThroughUi, signUpThroughUi } from "./fixtures/ui";

test("an invite link joins a second user as agent, who cannot manage members", async ({
  page,
  browser,
}) => {
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
  // Signed out, the link says who invites to which workspace (and not the role), then leads to sign-up.
  await agentPage.goto(inviteUrl);
  await expect(
    agentPage.getByText("Ольга Владелец приглашает вас в пространство «Студия Ольги»."),
  ).toBeVisible();
  await expect(agentPage.getByText("Сотрудник")).toHaveCount(0);
  await agentPage.getByRole("link", { name: "Зарегистрироваться" }).click();
  await expect(agentPage).toHaveURL(/\/sign-up\?next=/);
  await signUpThroughUi(agentPage, "Павел Сотрудник", { startAt: agentPage.url() });
  await expect(
    agentPage.getByText("Вас пригласили в пространство «Студия Ольги» с ролью «Сотрудник»."),
  ).toBeVisible();
  await agentPage.getByRole("button", { name: "Присоединиться" }).click();
  await expect(agentPage).toHaveURL(new RegExp(`/w/${slug}/deals$`));
  await expect(agentPage.getByText("Сотрудник", { exact: false }).first()).toBeVisible();

  // Agents are shown only what their role can use: the data pages, no settings or members, and the
  // empty deals table does not send them to settings; opening a manager page directly is refused.
  const sidebar = agentPage.getByRole("navigation", { name: "main" });
  await expect(sidebar.getByRole("link")).toHaveText([
    "Отчёт",
    "Расходы",
    "Сделки",
    "Обращения и цели",
    "Звонки",
  ]);
  await expect(agentPage.getByRole("link", { name: "Подключить Клиентикс" })).toHaveCount(0);
  await expect(agentPage.getByTestId("empty-state-ask-manager")).toBeVisible();
  await agentPage.goto(`/w/${slug}/members`);
  await expect(agentPage.getByTestId("members-forbidden")).toBeVisible();

  // The used link, opened again by its member, says so and leads into the workspace.
  await agentPage.goto(inviteUrl);
  await expect(agentPage.getByText("Вы уже участник пространства «Студия Ольги».")).toBeVisible();
  await agentPage.getByRole("link", { name: "Открыть пространство" }).click();
  await expect(agentPage).toHaveURL(new RegExp(`/w/${slug}/deals$`));

  await page.reload();
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  // Owners still see every section.
  await expect(page.getByRole("navigation", { name: "main" }).getByRole("link")).toHaveText([
    "Отчёт",
    "Расходы",
    "Сделки",
    "Обращения и цели",
    "Звонки",
    "Клиентикс CRM",
    "Телефония",
    "Сайты",
    "Коллтрекинг",
    "Атрибуция",
    "Участники",
  ]);
  await agentContext.close();
});

test("the last owner cannot be removed or demoted, and users switch between workspaces", async ({
  page,
}) => {
  await signUpThroughUi(page, "Ирина");
  const firstSlug = await createWorkspaceThroughUi(page, "Первый салон");
  await page.goto(`/w/${firstSlug}/members`);
  await page.getByLabel("Изменить роль: Ирина").selectOption("admin");
  await expect(
    page.getByText("В пространстве должен остаться хотя бы один владелец."),
  ).toBeVisible();

  // A second workspace of the same name is told apart by its address.
  await page.getByLabel("Сменить пространство").selectOption("__new");
  const secondSlug = await createWorkspaceThroughUi(page, "Первый салон");
  expect(secondSlug).not.toBe(firstSlug);
  const switcher = page.getByLabel("Сменить пространство");
  await expect(switcher.locator("option")).toHaveText([
    `Первый салон · ${firstSlug}`,
    `Первый салон · ${secondSlug}`,
    "+ Новое пространство",
  ]);
  await switcher.selectOption(firstSlug);
  await expect(page).toHaveURL(new RegExp(`/w/${firstSlug}/deals$`));

  // Every page has an icon: no favicon.ico 404 in the browser's console.
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/");
});
