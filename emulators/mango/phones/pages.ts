// The pages a person (or Playwright) uses, in Russian like Mango's personal account:
//   /                                 accounts with their settings and links
//   /settings?account=…               «Адрес внешней системы», «Проверить подключение», «Сохранить»
//   /phones/{extension}?account=…     an extension's softphone: rings, Ответить / Отклонить / Завершить
//   /call?account=…                   "call the company": caller number, company number, Позвонить
// The phone pages poll their `/phones/api/…` endpoint twice a second.

import { CLIENT_HELPERS, escapeHtml, page, scriptJson } from "../../zadarma/phones/layout";
import type { Account } from "../types";

const POLL_MS = 500;

export const extensionPage = (account: Account, extension: string): string => {
  const name = account.users.get(extension)?.name ?? extension;
  return page(
    `${extension} · ${name}`,
    `<h1>${escapeHtml(name)}</h1>
<p class="muted">Внутренний номер ${escapeHtml(extension)} · ВАТС ${escapeHtml(account.id)} · <span id="online"></span></p>
<div class="state" id="state" role="status" aria-live="polite">Нет звонков</div>
<div id="buttons">
  <button type="button" class="answer" id="answer" hidden>Ответить</button>
  <button type="button" class="decline" id="decline" hidden>Отклонить</button>
  <button type="button" class="hangup" id="hangup" hidden>Завершить</button>
</div>
<p><label><input type="checkbox" id="toggle-online" style="width:auto"> В сети</label></p>`,
    `${CLIENT_HELPERS}
const context = ${scriptJson({ account: account.id, extension })};
const api = "/phones/api/extension";
const show = (id, visible) => { document.getElementById(id).hidden = !visible; };
function render(view) {
  const call = view.call;
  const state = document.getElementById("state");
  state.dataset.state = call ? (call.state === "connected" ? "connected" : "ringing") : "idle";
  state.textContent = !call ? "Нет звонков"
    : call.state === "ringing" ? (call.kind === "callback" ? "Обратный звонок: ответьте, чтобы позвонить " + call.peer : "Входящий звонок от " + call.peer)
    : call.state === "dialing" ? "Вызываем " + call.peer + "…"
    : "Разговор с " + call.peer;
  show("answer", call && call.state === "ringing");
  show("decline", call && call.state === "ringing");
  show("hangup", call && call.state !== "ringing");
  document.getElementById("online").textContent = view.online ? "в сети" : "не в сети";
  document.getElementById("toggle-online").checked = view.online;
}
async function refresh() {
  const response = await fetch(api + "?account=" + encodeURIComponent(context.account) + "&extension=" + encodeURIComponent(context.extension));
  if (response.ok) render(await response.json());
}
for (const action of ["answer", "decline", "hangup"]) {
  document.getElementById(action).addEventListener("click", async () => { await post(api + "/" + action, context); await refresh(); });
}
document.getElementById("toggle-online").addEventListener("change", async (event) => {
  await post(api + "/online", { ...context, online: event.target.checked }); await refresh();
});
poll(refresh, ${POLL_MS});`,
  );
};

export const callCompanyPage = (account: Account): string =>
  page(
    "Позвонить в компанию",
    `<h1>Позвонить в компанию</h1>
<p class="muted">ВАТС ${escapeHtml(account.id)}: вы клиент, который звонит в компанию.</p>
<form id="dial">
  <label for="caller">Номер звонящего</label>
  <input id="caller" name="caller" inputmode="tel" autocomplete="off" placeholder="79031234501" required>
  <label for="did">Номер компании</label>
  <select id="did" name="did">${account.numbers.map((number) => `<option value="${escapeHtml(number)}">${escapeHtml(number)}</option>`).join("")}</select>
  <p><button type="submit" class="answer" id="call">Позвонить</button></p>
</form>
<div class="state" id="state" role="status" aria-live="polite">Звонка нет</div>
<button type="button" class="hangup" id="hangup" hidden>Положить трубку</button>`,
    `${CLIENT_HELPERS}
const context = ${scriptJson({ account: account.id })};
let callId = null;
let stopPolling = null;
const labels = { ringing: "Идёт вызов…", connected: "Разговор", ended: "Звонок завершён" };
const outcomes = { answered: "состоялся", no_answer: "нет ответа", busy: "занято", cancelled: "отменён", failed: "ошибка" };
function render(view) {
  const state = document.getElementById("state");
  state.dataset.state = view.state;
  state.textContent = labels[view.state] + (view.state === "connected" && view.extension ? " (внутренний " + view.extension + ")" : "")
    + (view.state === "ended" && view.outcome ? ": " + outcomes[view.outcome] : "");
  document.getElementById("hangup").hidden = view.state === "ended";
  document.getElementById("call").disabled = view.state !== "ended";
  if (view.state === "ended" && stopPolling) { stopPolling(); stopPolling = null; }
}
document.getElementById("dial").addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = await post("/phones/api/caller/dial", {
    ...context, caller: document.getElementById("caller").value, did: document.getElementById("did").value,
  });
  if (!result.ok) { document.getElementById("state").textContent = "Не удалось позвонить: " + result.body.error; return; }
  callId = result.body.entry_id;
  render(result.body);
  if (stopPolling) stopPolling();
  stopPolling = poll(async () => {
    const response = await fetch("/phones/api/caller?account=" + encodeURIComponent(context.account) + "&call=" + encodeURIComponent(callId));
    if (response.ok) render(await response.json());
  }, ${POLL_MS});
});
document.getElementById("hangup").addEventListener("click", async () => {
  if (!callId) return;
  const result = await post("/phones/api/caller/hangup", { ...context, call: callId });
  if (result.ok) render(result.body);
});`,
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
