// HTML of the emulated online-booking widget («ВОЗ», klientiks-contract §13, §17.3): one self-contained
// page, Russian labels bound to stable field names so Playwright can fill it by label.

import { escapeHtml } from "./http";
import { appointmentPagePath } from "./routes/appointment-page";
import { clientFullName } from "./serialize";
import type { Account, Appointment, Client } from "./types";

export type WidgetFormValues = {
  service_id: string;
  executor_id: string;
  /** `<input type="datetime-local">` value, "YYYY-MM-DDTHH:MM". */
  start: string;
  name: string;
  phone: string;
  email: string;
  lead: string;
};

/** Choices of the ВОЗ source field, technical name `lead` (klientiks-contract §13.3). */
const LEAD_OPTIONS = ["Instagram", "ВКонтакте", "Яндекс.Карты", "2ГИС", "Рекомендация друзей"];

const STYLES = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f3f5f9; color: #1d2433; }
  main { max-width: 480px; margin: 24px auto; padding: 24px; background: #fff; border-radius: 14px; box-shadow: 0 4px 24px rgba(29, 36, 51, .08); }
  h1 { margin: 0 0 4px; font-size: 22px; }
  .subtitle { margin: 0 0 20px; color: #5b6476; }
  label { display: block; margin: 14px 0 6px; font-weight: 600; font-size: 14px; }
  input, select { width: 100%; padding: 10px 12px; border: 1px solid #cdd3df; border-radius: 8px; font: inherit; background: #fff; }
  input:focus, select:focus { outline: 2px solid #3a6df0; border-color: transparent; }
  button { width: 100%; margin-top: 22px; padding: 12px; border: 0; border-radius: 8px; background: #3a6df0; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  button:hover { background: #2c59cf; }
  .errors { margin: 0 0 12px; padding: 10px 14px; border-radius: 8px; background: #fdecec; color: #a12121; }
  .errors p { margin: 2px 0; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 6px 14px; margin: 18px 0 0; }
  dt { color: #5b6476; }
  dd { margin: 0; font-weight: 600; }
`;

const page = (account: Account, title: string, content: string): string => `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ${escapeHtml(account.settings.widgetSlug)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>`;

const option = (value: string, label: string, selected: string): string =>
  `<option value="${escapeHtml(value)}"${value === selected ? " selected" : ""}>${escapeHtml(label)}</option>`;

export const renderBookingForm = (
  account: Account,
  { action, values, errors }: { action: string; values: WidgetFormValues; errors: string[] },
): string => {
  const services = Array.from(account.services.values()).filter(
    (service) => service.type === "service" && !service.archived,
  );
  const executors = Array.from(account.users.values()).filter((user) => !user.archived);
  const errorBlock =
    errors.length === 0
      ? ""
      : `<div class="errors" role="alert">${errors.map((message) => `<p>${escapeHtml(message)}</p>`).join("")}</div>`;
  return page(
    account,
    "Онлайн-запись",
    `<h1>Онлайн-запись</h1>
<p class="subtitle">Выберите услугу, мастера и удобное время.</p>
${errorBlock}
<form method="post" action="${escapeHtml(action)}">
  <label for="service_id">Услуга</label>
  <select id="service_id" name="service_id" required>
    ${services.map((service) => option(String(service.id), `${service.name} — ${service.price} ₽`, values.service_id)).join("\n    ")}
  </select>
  <label for="executor_id">Сотрудник</label>
  <select id="executor_id" name="executor_id" required>
    ${executors.map((user) => option(String(user.id), user.name, values.executor_id)).join("\n    ")}
  </select>
  <label for="start">Дата и время</label>
  <input id="start" name="start" type="datetime-local" step="900" required value="${escapeHtml(values.start)}">
  <label for="name">Имя</label>
  <input id="name" name="name" autocomplete="name" required value="${escapeHtml(values.name)}">
  <label for="phone">Телефон</label>
  <input id="phone" name="phone" type="tel" autocomplete="tel" placeholder="+7 900 000-00-00" required value="${escapeHtml(values.phone)}">
  <label for="email">E-mail</label>
  <input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(values.email)}">
  <label for="lead">Откуда вы о нас узнали</label>
  <select id="lead" name="lead">
    ${[option("", "Не выбрано", values.lead), ...LEAD_OPTIONS.map((lead) => option(lead, lead, values.lead))].join("\n    ")}
  </select>
  <button type="submit">Записаться</button>
</form>`,
  );
};

export const renderConfirmation = (
  account: Account,
  appointment: Appointment,
  client: Client,
): string => {
  const service = appointment.services[0]?.name ?? "";
  const executor = account.users.get(appointment.executorId)?.name ?? "";
  return page(
    account,
    "Вы записаны",
    `<h1>Вы записаны</h1>
<p class="subtitle">Номер записи: <strong data-testid="booking-confirmed">${appointment.id}</strong></p>
<p><a href="${appointmentPagePath(appointment.id)}" data-testid="booking-journal-link">Открыть запись в журнале салона</a></p>
<dl>
  <dt>Клиент</dt><dd>${escapeHtml(clientFullName(client))}</dd>
  <dt>Услуга</dt><dd>${escapeHtml(service)}</dd>
  <dt>Сотрудник</dt><dd>${escapeHtml(executor)}</dd>
  <dt>Дата и время</dt><dd>${escapeHtml(appointment.start.slice(0, 16))}</dd>
</dl>`,
  );
};

export const renderUnknownWidget = (slug: string): string => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Виджет не найден</title></head>
<body><h1>Виджет не найден</h1><p>Нет онлайн-записи с адресом «${escapeHtml(slug)}».</p></body></html>`;
