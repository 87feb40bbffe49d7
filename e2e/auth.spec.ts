import { expect, test } from "@playwright/test";

import { createWorkspaceThroughUi, signInThroughUi, signUpThroughUi } from "./fixtures/ui";

test("sign up, create a workspace, sign out and sign in again", async ({ page }) => {
  const { email, password } = await signUpThroughUi(page, "Анна Петрова");
  await createWorkspaceThroughUi(page, "Салон Лотос");
  await expect(page.getByRole("heading", { name: "Сделок пока нет" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveText("Анна Петрова");

  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signInThroughUi(page, email, password);
  await expect(page).toHaveURL(/\/w\/salon-lotos[^/]*\/analytics$/);
});

test("a wrong password shows a message and keeps the user out", async ({ page }) => {
  const { email } = await signUpThroughUi(page, "Борис");
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.context().clearCookies();

  await signInThroughUi(page, email, "definitely-not-it");
  await expect(page.getByText("Неверный e-mail или пароль.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-up rejects a short password with a field error", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Имя").fill("Вера");
  await page.getByLabel("E-mail").fill("vera-short@e2e.svyaz.test");
  await page.getByLabel("Пароль").fill("short");
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await expect(page.getByText("Пароль должен быть не короче 10 символов.")).toBeVisible();
});

test("repeated wrong passwords are rate-limited with a clear message", async ({ page }) => {
  const { email } = await signUpThroughUi(page, "Глеб");
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.context().clearCookies();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await signInThroughUi(page, email, `wrong-password-${attempt}`);
    await expect(page.getByText("Неверный e-mail или пароль.")).toBeVisible();
  }
  await signInThroughUi(page, email, "wrong-password-again");
  await expect(page.getByText(/Слишком много неудачных попыток входа/)).toBeVisible();
});

test("the interface switches to English and back", async ({ page }) => {
  await signUpThroughUi(page, "Дарья");
  await createWorkspaceThroughUi(page, "Клиника Дарьи");
  await page.getByLabel("Язык").selectOption("en");
  await expect(page.getByRole("heading", { name: "No deals yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Leads and goals" })).toBeVisible();
  await page.getByLabel("Language").selectOption("ru");
  await expect(page.getByRole("heading", { name: "Сделок пока нет" })).toBeVisible();
});
