// Dispatch of the HTML pages; `?account=` takes an account id or its API key, and defaults to the
// demo account when it exists.

import type { IncomingMessage, ServerResponse } from "node:http";

import { sendHtml } from "../../zadarma/http";
import { escapeHtml, page } from "../../zadarma/phones/layout";
import { findAccount } from "../accounts";
import { DEMO_ACCOUNT } from "../demo-seed";
import type { Emulator } from "../emulator";
import { callCompanyPage, extensionPage, indexPage, settingsPage } from "./pages";

const EXTENSION_PAGE = /^\/phones\/(\d{2,5})\/?$/;

export const isPagePath = (pathname: string): boolean =>
  pathname === "/" ||
  pathname === "/call" ||
  pathname === "/settings" ||
  EXTENSION_PAGE.test(pathname);

const notFound = (response: ServerResponse, message: string): void =>
  sendHtml(
    response,
    404,
    page(
      "Не найдено",
      `<h1>Не найдено</h1><p>${escapeHtml(message)}</p><p><a href="/">Все ВАТС</a></p>`,
      "",
    ),
  );

export const handlePage = (
  emulator: Emulator,
  _request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): void => {
  const { accounts } = emulator.state;
  if (url.pathname === "/")
    return sendHtml(response, 200, indexPage(Array.from(accounts.values())));
  const accountId = url.searchParams.get("account") ?? DEMO_ACCOUNT.id;
  const account = findAccount(accounts, accountId);
  if (!account) return notFound(response, `Нет ВАТС ${accountId}`);
  if (url.pathname === "/call") return sendHtml(response, 200, callCompanyPage(account));
  if (url.pathname === "/settings") return sendHtml(response, 200, settingsPage(account));
  const extension = EXTENSION_PAGE.exec(url.pathname)?.[1] ?? "";
  if (!account.users.has(extension))
    return notFound(response, `В ВАТС ${account.id} нет внутреннего номера ${extension}`);
  sendHtml(response, 200, extensionPage(account, extension));
};
