// `GET /app/appointments/{id}`: one visit in the salon's journal, with buttons that change its status,
// so a person can finish a visit booked through the widget without the control API. Each button is a
// form `POST /app/appointments/{id}/status` with `status=<code>`; the change goes through the same
// functions as `PATCH /__control/accounts/{A}/appointments/{id}` (the account's webhooks fire), then
// 303 back to the page, which says «Статус изменён: …». Real Klientiks documents no such address
// (klientiks-contract §15). Appointment ids are unique across the emulator's accounts, so the id
// alone finds the visit.

import type { IncomingMessage, ServerResponse } from "node:http";

import {
  APPOINTMENT_STATUSES,
  appointmentStatusName,
  findAppointmentStatus,
} from "../appointment-statuses";
import { findChangeErrors, updateAppointment } from "../appointments";
import type { Emulator } from "../emulator";
import { escapeHtml, readBody, sendHtml, sendHtmlMessage } from "../http";
import { chargedAmount } from "../revenue";
import { clientFullName } from "../serialize";
import { findInAccounts } from "../state";
import type { Account, AppointedService, Appointment } from "../types";

const APPOINTMENT_PATH = /^\/app\/appointments\/(\d+)(\/status)?\/?$/;

export const isAppointmentPagePath = (pathname: string): boolean => APPOINTMENT_PATH.test(pathname);

export const appointmentPagePath = (id: number): string => `/app/appointments/${id}`;

const rubles = (amount: number): string => `${amount} ₽`;

const serviceLine = (line: AppointedService): string => {
  const notes = [
    line.servicePackId === null ? "" : "по абонементу",
    line.discount ? `скидка ${rubles(line.discount)}` : "",
  ].filter((note) => note);
  return `<tr><td>${escapeHtml(line.name)}</td><td>${rubles(line.price)}${notes.length > 0 ? ` (${escapeHtml(notes.join(", "))})` : ""}</td></tr>`;
};

const statusButtons = (appointment: Appointment): string =>
  APPOINTMENT_STATUSES.filter((status) => status.code !== appointment.status)
    .map(
      (status) =>
        `<form method="post" action="${appointmentPagePath(appointment.id)}/status"><input type="hidden" name="status" value="${escapeHtml(status.code)}"><button type="submit">${escapeHtml(status.action)}</button></form>`,
    )
    .join("\n");

const renderAppointmentPage = (
  account: Account,
  appointment: Appointment,
  changedTo: string | null,
): string => {
  const client = account.clients.get(appointment.clientId);
  const executor = account.users.get(appointment.executorId);
  const changed = changedTo === null ? undefined : findAppointmentStatus(changedTo);
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Запись №${appointment.id} — ${escapeHtml(account.settings.widgetSlug)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:560px;margin:24px auto;padding:0 16px;color:#1d2433}dt{color:#5b6476}dd{margin:0 0 8px;font-weight:600}td{padding:2px 12px 2px 0}.notice{padding:10px 14px;border-radius:8px;background:#e7f6ec;color:#1d6b36}form{display:inline-block;margin:0 8px 8px 0}button{padding:8px 12px;border:1px solid #cdd3df;border-radius:8px;background:#fff;font:inherit;cursor:pointer}</style>
</head><body>
<h1>Запись №<span data-testid="klientiks-appointment-id">${appointment.id}</span></h1>
${changed ? `<p class="notice" role="status" data-testid="klientiks-status-changed">Статус изменён: ${escapeHtml(changed.name)}</p>` : ""}
<dl>
  <dt>Салон</dt><dd>${escapeHtml(account.settings.widgetSlug)} (аккаунт ${escapeHtml(account.credentials.accountId)})</dd>
  <dt>Клиент</dt><dd>${client ? `<a href="/app/clients/${client.id}" data-testid="klientiks-appointment-client">${escapeHtml(clientFullName(client))}</a>` : "—"}</dd>
  <dt>Телефон</dt><dd>${escapeHtml(client?.phone ?? "—")}</dd>
  <dt>Сотрудник</dt><dd>${escapeHtml(executor?.name ?? "—")}</dd>
  <dt>Начало</dt><dd>${escapeHtml(appointment.start.slice(0, 16))}</dd>
  <dt>Статус</dt><dd data-testid="klientiks-appointment-status">${escapeHtml(appointmentStatusName(appointment.status))}</dd>
</dl>
<h2>Услуги</h2>
<table>
${appointment.services.map(serviceLine).join("\n")}
<tr><th scope="row">Итого</th><th data-testid="klientiks-appointment-total">${rubles(chargedAmount(appointment))}</th></tr>
</table>
<h2>Изменить статус</h2>
${statusButtons(appointment)}
</body></html>`;
};

const changeStatus = async (
  emulator: Emulator,
  account: Account,
  appointment: Appointment,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> => {
  const status = new URLSearchParams(await readBody(request)).get("status") ?? "";
  if (!findAppointmentStatus(status)) {
    const known = APPOINTMENT_STATUSES.map((entry) => entry.code).join(", ");
    return sendHtmlMessage(
      response,
      400,
      "Статус не изменён",
      status
        ? `Неизвестный статус «${status}». Допустимые: ${known}.`
        : `Не указан статус (status). Допустимые: ${known}.`,
    );
  }
  // What `PATCH /__control/accounts/{A}/appointments/{id}` with `{ status }` does.
  const errors = Object.values(findChangeErrors(account, appointment, { status })).flat();
  if (errors.length > 0)
    return sendHtmlMessage(response, 400, "Статус не изменён", errors.join(" "));
  updateAppointment(emulator, account, appointment, { status }, { fireWebhooks: true });
  response
    .writeHead(303, {
      location: `${appointmentPagePath(appointment.id)}?changed=${encodeURIComponent(status)}`,
    })
    .end();
};

export const handleAppointmentPage = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  const [, id, statusSuffix] = APPOINTMENT_PATH.exec(url.pathname) ?? [];
  const method = request.method ?? "GET";
  const expected = statusSuffix ? "POST" : "GET";
  if (method !== expected)
    return sendHtmlMessage(response, 405, "Метод не поддерживается", `Ожидается ${expected}.`);
  const found = findInAccounts(emulator.state, (account) => account.appointments.get(Number(id)));
  if (!found) return sendHtmlMessage(response, 404, "Запись не найдена");
  if (statusSuffix) return changeStatus(emulator, found.account, found.found, request, response);
  sendHtml(
    response,
    200,
    renderAppointmentPage(found.account, found.found, url.searchParams.get("changed")),
  );
};
