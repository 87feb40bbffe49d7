// Dispatch of the HTML pages; `?account=` takes an account id or its API key (what the app that
// connected the account knows), and defaults to the demo account when it exists.

import type { IncomingMessage, ServerResponse } from "node:http";

import { DEMO_ACCOUNT } from "../demo-seed";
import type { Emulator } from "../emulator";
import { sendHtml } from "../http";
import { digitsOnly } from "../phone-numbers";
import type { Account } from "../types";
import { escapeHtml, page } from "./layout";
import { callCompanyPage, clientPhonePage, extensionPage, indexPage } from "./pages";

const EXTENSION_PAGE = /^\/phones\/(\d{3,5})\/?$/;

export const isPagePath = (pathname: string): boolean =>
  pathname === "/" ||
  pathname === "/call" ||
  pathname === "/client-phone" ||
  EXTENSION_PAGE.test(pathname);

const notFound = (response: ServerResponse, message: string): void =>
  sendHtml(
    response,
    404,
    page(
      "Not found",
      `<h1>Not found</h1><p>${escapeHtml(message)}</p><p><a href="/">All accounts</a></p>`,
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
  const account: Account | undefined =
    accounts.get(accountId) ??
    Array.from(accounts.values()).find((candidate) => candidate.key === accountId);
  if (!account) return notFound(response, `Unknown account ${accountId}`);
  if (url.pathname === "/call") return sendHtml(response, 200, callCompanyPage(account));
  if (url.pathname === "/client-phone") {
    const number = digitsOnly(url.searchParams.get("number") ?? "");
    if (number === "")
      return notFound(response, "Give the client's number: /client-phone?number=79990000000");
    return sendHtml(response, 200, clientPhonePage(account, number));
  }
  const extension = EXTENSION_PAGE.exec(url.pathname)?.[1] ?? "";
  if (!account.extensions.has(extension))
    return notFound(response, `Account ${account.id} has no extension ${extension}`);
  sendHtml(response, 200, extensionPage(account, extension));
};
