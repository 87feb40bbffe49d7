// `GET /app/clients/{id}`: the client's card, where the app's incoming-call card links (the default
// «Адрес карточки клиента» `{base}/app/clients/{id}`). Real Klientiks documents no such address
// (klientiks-contract §15); this page only lets a demo follow the link. Each of the latest visits
// links to its page in the journal, `/app/appointments/{id}`. Client ids are unique across
// the emulator's accounts, so the id alone finds the client.

import type { IncomingMessage, ServerResponse } from "node:http";

import { appointmentStatusName } from "../appointment-statuses";
import type { Emulator } from "../emulator";
import { escapeHtml, sendHtml, sendHtmlMessage } from "../http";
import { clientFullName } from "../serialize";
import { findInAccounts } from "../state";
import type { Account, Client } from "../types";
import { appointmentPagePath } from "./appointment-page";

const CLIENT_PAGE_PATH = /^\/app\/clients\/(\d+)\/?$/;
const VISITS_SHOWN = 10;

export const isClientPagePath = (pathname: string): boolean => CLIENT_PAGE_PATH.test(pathname);

const renderClientPage = (account: Account, client: Client): string => {
  const visits = Array.from(account.appointments.values())
    .filter((appointment) => appointment.clientId === client.id)
    .sort((a, b) => b.start.localeCompare(a.start))
    .slice(0, VISITS_SHOWN);
  const email = client.dynamicFields?.email;
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(clientFullName(client))} — клиент</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:560px;margin:24px auto;padding:0 16px;color:#1d2433}dt{color:#5b6476}dd{margin:0 0 8px;font-weight:600}</style>
</head><body>
<h1 data-testid="klientiks-client-name">${escapeHtml(clientFullName(client))}</h1>
<dl>
  <dt>ID клиента</dt><dd data-testid="klientiks-client-id">${client.id}</dd>
  <dt>Телефон</dt><dd>${escapeHtml(client.phone)}</dd>
  ${typeof email === "string" && email ? `<dt>E-mail</dt><dd>${escapeHtml(email)}</dd>` : ""}
  <dt>Аккаунт</dt><dd>${escapeHtml(account.credentials.accountId)}</dd>
</dl>
<h2>Визиты</h2>
<ul>${visits.map((visit) => `<li><a href="${appointmentPagePath(visit.id)}">${escapeHtml(visit.start.slice(0, 16))} — ${escapeHtml(visit.services[0]?.name ?? "")}</a> (${escapeHtml(appointmentStatusName(visit.status))})</li>`).join("") || "<li>Нет визитов</li>"}</ul>
</body></html>`;
};

export const handleClientPage = (
  emulator: Emulator,
  _request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): void => {
  const id = Number(CLIENT_PAGE_PATH.exec(url.pathname)?.[1]);
  const found = findInAccounts(emulator.state, (account) => {
    const client = account.clients.get(id);
    return client && !client.deleted ? client : undefined;
  });
  if (!found) return sendHtmlMessage(response, 404, "Клиент не найден");
  sendHtml(response, 200, renderClientPage(found.account, found.found));
};
