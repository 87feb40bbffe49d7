// The pages a person (or Playwright) uses, in Russian like Mango's personal account:
//   /                                 accounts with their settings and links
//   /settings?account=…               «Адрес внешней системы», «Проверить подключение», «Сохранить»
//   /phones/{extension}?account=…     an extension's softphone: rings, Ответить / Отклонить / Завершить
//   /call?account=…                   "call the company": caller number, company number, Позвонить
// The phone pages poll their `/phones/api/…` endpoint twice a second.

import {
  callCompanyPage as sharedCallCompanyPage,
  softphonePage,
} from "../../common/softphone-pages";
import { CLIENT_HELPERS, escapeHtml, page, scriptJson } from "../../zadarma/phones/layout";
import type { Account } from "../types";

export const extensionPage = (account: Account, extension: string): string =>
  softphonePage(
    {
      subtitle: (number, id) => `Внутренний номер ${number} · ВАТС ${id}`,
      idle: "Нет звонков",
      answer: "Ответить",
      decline: "Отклонить",
      hangup: "Завершить",
      onlineSwitch: "В сети",
      online: "в сети",
      offline: "не в сети",
      incomingFrom: "Входящий звонок от",
      callbackPickUp: "Обратный звонок: ответьте, чтобы позвонить",
      calling: "Вызываем",
      connectedWith: "Разговор с",
    },
    { account: account.id, extension, name: account.users.get(extension)?.name ?? extension },
  );

export const callCompanyPage = (account: Account): string =>
  sharedCallCompanyPage(
    {
      title: "Позвонить в компанию",
      intro: (id) => `ВАТС ${id}: вы клиент, который звонит в компанию.`,
      caller: "Номер звонящего",
      company: "Номер компании",
      call: "Позвонить",
      notCalling: "Звонка нет",
      hangup: "Положить трубку",
      cannotCall: "Не удалось позвонить:",
      states: { ringing: "Идёт вызов…", connected: "Разговор", ended: "Звонок завершён" },
      extension: "внутренний",
      outcomes: {
        answered: "состоялся",
        no_answer: "нет ответа",
        busy: "занято",
        cancelled: "отменён",
        failed: "ошибка",
      },
      fields: { id: "entry_id", outcome: "outcome" },
    },
    { account: account.id, numbers: account.numbers },
  );

/** What a user does in Mango's personal account: paste the address, check it, save it. */
export const settingsPage = (account: Account): string =>
  page(
    "Интеграция по API",
    `<h1>Интеграция по API</h1>
<p class="muted">ВАТС ${escapeHtml(account.id)}</p>
<p>Уникальный код АТС (vpbx_api_key): <code id="key">${escapeHtml(account.key)}</code><br>
Ключ для создания подписи: <code id="salt">${escapeHtml(account.salt)}</code></p>
<form id="settings">
  <label for="url">Адрес внешней системы</label>
  <input id="url" name="url" type="url" autocomplete="off" placeholder="https://example.com/api/webhooks/mango/token/" value="${escapeHtml(account.eventsUrl ?? "")}" required>
  <p><button type="button" id="check">Проверить подключение</button>
  <button type="submit" class="answer" id="save">Сохранить</button></p>
</form>
<div class="state" id="result" role="status" aria-live="polite">${account.eventsUrl ? "Сохранено" : "Адрес не задан"}</div>`,
    `${CLIENT_HELPERS}
const context = ${scriptJson({ account: account.id })};
const result = document.getElementById("result");
const url = () => document.getElementById("url").value.trim();
document.getElementById("check").addEventListener("click", async () => {
  result.textContent = "Проверяем…";
  const answer = await post("/phones/api/account/ping", { ...context, url: url() });
  if (!answer.ok) { result.dataset.state = "idle"; result.textContent = "Ошибка: " + answer.body.error; return; }
  const ping = answer.body;
  result.dataset.state = ping.ok ? "connected" : "ringing";
  result.textContent = (ping.ok ? "Подключение установлено" : "Нет подключения") + " · " + ping.url + " → "
    + (ping.status === null ? ping.error : "HTTP " + ping.status + (ping.body ? " " + ping.body : ""));
});
document.getElementById("settings").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await post("/phones/api/account/events-url", { ...context, url: url() });
  result.dataset.state = answer.ok ? "connected" : "idle";
  result.textContent = answer.ok ? "Сохранено: " + answer.body.events_url : "Ошибка: " + answer.body.error;
});`,
  );

const link = (href: string, text: string): string =>
  `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

export const indexPage = (accounts: Account[]): string =>
  page(
    "Эмулятор Mango Office",
    `<h1>Эмулятор ВАТС Mango Office</h1>
${accounts
  .map((account) => {
    const query = `?account=${encodeURIComponent(account.id)}`;
    return `<h2>ВАТС ${escapeHtml(account.id)}</h2>
<p class="muted">vpbx_api_key ${escapeHtml(account.key)} · соль ${escapeHtml(account.salt)}<br>
номера ${account.numbers.map(escapeHtml).join(", ") || "нет"}<br>
адрес внешней системы ${escapeHtml(account.eventsUrl ?? "не задан")} · порядок событий ${escapeHtml(account.eventOrder)}</p>
<ul>
  <li>${link(`/settings${query}`, "Интеграция по API: адрес внешней системы")}</li>
  <li>${link(`/call${query}`, "Позвонить в компанию")}</li>
  ${Array.from(account.users.values())
    .map(
      (user) =>
        `<li>${link(`/phones/${encodeURIComponent(user.extension)}${query}`, `Телефон ${user.extension} · ${user.name}`)}</li>`,
    )
    .join("\n  ")}
</ul>`;
  })
  .join("\n")}`,
    "",
  );
